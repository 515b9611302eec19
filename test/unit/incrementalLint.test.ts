import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { Catalog } from '../../src/core/catalog/catalog';
import { LintSession } from '../../src/core/incremental/lintSession';
import type { Finding } from '../../src/core/findings';
import { lintWorkflow, type LintOptions, type LintResult } from '../../src/core/lint';
import { assembleWorkflow } from '../../bench/assemble';
import { loadCorpus } from '../support/corpus';
import { catalogWithBlock } from '../support/catalogChanges';
import { counterBlockDefinition } from '../support/counterBlock';
import { propertyRunsJudging } from '../support/propertyRuns';
import { DETECTION_STEP, underlined, workflowText } from '../support/workflowText';

const catalog = bundledCatalog();
const corpus = loadCorpus();

/** Every node of a tree, as a full parse gives it: kinds, offsets, lengths, values, colons. */
function treeOf(node: Node | undefined): unknown {
  if (!node) return undefined;
  return [node.type, node.offset, node.length, node.value, node.colonOffset, node.children?.map(treeOf)];
}

function modelOf(result: LintResult): unknown {
  const model = result.model;
  if (!model) return undefined;
  const at = (node: Node | undefined) => node && [node.offset, node.length];
  return {
    top: [model.versionNode, model.inputsNode, model.stepsNode, model.outputsNode].map(at),
    inputs: model.inputs.map((i) => ({ ...i, node: at(i.node), typeNode: at(i.typeNode), nameNode: at(i.nameNode), kindNode: at(i.kindNode), defaultNode: at(i.defaultNode) })),
    steps: model.steps.map((s) => ({ ...s, node: at(s.node), typeNode: at(s.typeNode), nameNode: at(s.nameNode), block: s.block?.type })),
    outputs: model.outputs.map((o) => ({ ...o, node: at(o.node), nameNode: at(o.nameNode), selectorNode: at(o.selectorNode) })),
  };
}

/** The session's result is the full lint's: findings, the security analysis lenses read, model and tree. */
function assertSameAsFullLint(session: LintSession, text: string, options: LintOptions = {}, lintCatalog = catalog): void {
  const incremental = session.lint(text, lintCatalog, options);
  const full = lintWorkflow(text, lintCatalog, options);
  assert.deepEqual(incremental.findings, full.findings);
  const { model: securityModel, ...security } = incremental.security;
  const { model: fullSecurityModel, ...fullSecurity } = full.security;
  assert.deepEqual(security, fullSecurity);
  assert.equal(securityModel, incremental.model);
  assert.equal(fullSecurityModel === undefined, securityModel === undefined);
  assert.deepEqual(modelOf(incremental), modelOf(full));
  assert.deepEqual(treeOf(incremental.root), treeOf(full.root));
  // Parent links hold the new tree together (hovers and completions walk up them).
  if (incremental.model) for (const step of incremental.model.steps) assert.equal(step.node.parent, incremental.model.stepsNode);
}

/** Literal values of steps (not `name`, `type`, keys or selectors): where typing is re-linted step by step. */
function stepLiterals(text: string): Node[] {
  const root = parseTree(text);
  const steps = root?.type === 'object' ? root.children?.find((p) => p.children?.[0].value === 'steps')?.children?.[1] : undefined;
  const found: Node[] = [];
  const walk = (node: Node, top: boolean) => {
    if (node.type === 'object') {
      for (const p of node.children ?? []) if (p.children?.[1] && !(top && ['name', 'type'].includes(p.children[0].value as string))) walk(p.children[1], false);
    } else if (node.type === 'array') for (const c of node.children ?? []) walk(c, false);
    else if (!String(node.value).startsWith('$')) found.push(node);
  };
  for (const step of steps?.type === 'array' ? (steps.children ?? []) : []) walk(step, true);
  return found;
}

function stringsMatching(text: string, test: (value: string, node: Node) => boolean): Node[] {
  const found: Node[] = [];
  const walk = (node: Node | undefined) => {
    if (!node) return;
    if (node.type === 'string' && test(node.value as string, node)) found.push(node);
    node.children?.forEach(walk);
  };
  walk(parseTree(text));
  return found;
}

const replace = (text: string, offset: number, length: number, insert: string) => text.slice(0, offset) + insert + text.slice(offset + length);

type Edit = { kind: 'literal' | 'selector' | 'rename' | 'insert-step' | 'delete-step' | 'break' | 'secret'; pick: number; char: string; remove: boolean };

/** One edit a person makes; `pick` chooses where. Returns the text unchanged when there is no such place. */
function applyEdit(text: string, edit: Edit): string {
  const pickFrom = <T>(list: T[]) => (list.length ? list[edit.pick % list.length] : undefined);
  switch (edit.kind) {
    case 'literal': {
      const leaf = pickFrom(stepLiterals(text));
      if (!leaf) return text;
      const inner = leaf.type === 'string' ? leaf.offset + 1 + (edit.pick % Math.max(1, leaf.length - 1)) : leaf.offset + leaf.length;
      const at = Math.min(inner, leaf.offset + leaf.length - (leaf.type === 'string' ? 1 : 0));
      return edit.remove && leaf.length > (leaf.type === 'string' ? 2 : 1) ? replace(text, at - 1, 1, '') : replace(text, at, 0, edit.char);
    }
    case 'selector': {
      const node = pickFrom(stringsMatching(text, (v) => v.startsWith('$')));
      return node ? replace(text, node.offset + node.length - 1, edit.remove ? 1 : 0, edit.remove ? '' : edit.char) : text;
    }
    case 'rename': {
      const node = pickFrom(stringsMatching(text, (_v, n) => n.parent?.type === 'property' && n.parent.children?.[0].value === 'name' && n.parent.children[1] === n));
      return node ? replace(text, node.offset + 1, 0, edit.char) : text;
    }
    case 'insert-step':
    case 'delete-step': {
      const root = parseTree(text);
      const steps = root?.children?.find((p) => p.children?.[0].value === 'steps')?.children?.[1];
      const step = pickFrom(steps?.type === 'array' ? (steps.children ?? []) : []);
      if (!step) return text;
      const stepText = text.slice(step.offset, step.offset + step.length);
      if (edit.kind === 'insert-step') return replace(text, step.offset, 0, stepText.replace(/"name": "/, `"name": "copy${edit.char}`) + ', ');
      const next = text.indexOf(',', step.offset + step.length);
      return next >= 0 && next < step.offset + step.length + 3 ? replace(text, step.offset, next + 1 - step.offset, '') : text;
    }
    case 'secret': {
      // A literal that becomes (or stops being) a credential.
      const leaf = pickFrom(stepLiterals(text).filter((n) => n.type === 'string'));
      return leaf ? replace(text, leaf.offset + 1, edit.remove ? leaf.length - 2 : 0, edit.remove ? 'x' : 'sk-proj-a8Xk29dLq0Zr7VbT3mNw5') : text;
    }
    default:
      return replace(text, edit.pick % (text.length + 1), edit.remove ? 1 : 0, edit.remove ? '' : edit.char);
  }
}

const edits = fc.array(
  fc.record({
    kind: fc.constantFrom<Edit['kind']>('literal', 'literal', 'literal', 'literal', 'selector', 'rename', 'insert-step', 'delete-step', 'break', 'secret'),
    pick: fc.nat(),
    char: fc.constantFrom('1', '7', 'a', 'Z', '_', ' ', '.', '"', '\\', '}', ','),
    remove: fc.boolean(),
  }),
  { minLength: 1, maxLength: 12 },
);

describe('incremental lint (LintSession)', () => {
  const documents = [
    assembleWorkflow(corpus, 40),
    ...corpus.filter((entry) => /api_key|model_id|task_type|headers/.test(entry.text)).slice(0, 8).map((entry) => entry.text),
    ...corpus.slice(0, 6).map((entry) => entry.text),
  ];

  it('after every edit of random edit sequences, reports exactly what a full lint reports', function () {
    this.timeout(300_000);
    let incremental = 0;
    let updates = 0;
    const numRuns = propertyRunsJudging(150, 'src/core/incremental');
    fc.assert(
      fc.property(fc.nat(documents.length - 1), edits, fc.boolean(), (which, sequence, stored) => {
        const options: LintOptions = stored ? { storedSecrets: Object.freeze(['hunter2-stored-secret']) } : {};
        let text = documents[which];
        const session = new LintSession();
        assertSameAsFullLint(session, text, options);
        for (const edit of sequence) {
          text = applyEdit(text, edit);
          assertSameAsFullLint(session, text, options);
          updates++;
          if (session.lastPath === 'incremental') incremental++;
        }
      }),
      // The full count while src/core/incremental is mutated: a tenth of it holds too few incremental updates to judge.
      { numRuns, seed: 9 },
    );
    // The property covers the incremental path, not only the fall-back (judged on the full count).
    if (numRuns === 150) assert.ok(incremental > updates / 10, `${incremental} of ${updates} updates were incremental`);
  });

  const text = workflowText({
    inputs: [{ type: 'WorkflowImage', name: 'image' }],
    steps: [
      { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640', confidence: 0.4, class_filter: ['car'] },
      { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.det.predictions', thickness: 2 },
      { type: 'roboflow_core/anthropic_claude@v1', name: 'llm', images: '$inputs.image', api_key: '$inputs.key', prompt: 'count the cars' },
    ],
    outputs: [{ type: 'JsonField', name: 'out', selector: '$steps.boxes.image' }],
  });
  const edited = (from: string, to: string) => {
    assert.ok(text.includes(from), from);
    return text.replace(from, to);
  };
  function pathAfter(next: string, options: LintOptions = {}, session = new LintSession()): string {
    session.lint(text, catalog, options);
    assertSameAsFullLint(session, next, options);
    return session.lastPath;
  }

  it('re-checks only the step when a literal value of it changes', () => {
    assert.equal(pathAfter(edited('"confidence": 0.4', '"confidence": 0.45')), 'incremental');
    assert.equal(pathAfter(edited('"car"', '"cars"')), 'incremental');
    assert.equal(pathAfter(edited('"thickness": 2', '"thickness": 20')), 'incremental');
  });

  it('reports a problem the edit makes in the step, in its place among the others', () => {
    const session = new LintSession();
    session.lint(text, catalog);
    const result = session.lint(edited('"confidence": 0.4', '"confidence": 1.4'), catalog);
    assert.equal(session.lastPath, 'incremental');
    assert.ok(result.findings.some((f) => f.code === 'invalid-value' && f.message.includes('confidence')));
    assertSameAsFullLint(new LintSession(), edited('"confidence": 0.4', '"confidence": 1.4'));
  });

  it('lints in full when names, types, selectors, keys or the structure change', () => {
    assert.equal(pathAfter(edited('"name": "det"', '"name": "dets"')), 'full');
    assert.equal(pathAfter(edited('"type": "roboflow_core/bounding_box_visualization@v1"', '"type": "roboflow_core/bounding_box_visualization@v2"')), 'full');
    assert.equal(pathAfter(edited('"$steps.det.predictions"', '"$steps.det.predictionz"')), 'full');
    assert.equal(pathAfter(edited('"thickness": 2', '"thicknes": 2')), 'full');
    assert.equal(pathAfter(edited('"thickness": 2', '"thickness": 2, "copy_image": false')), 'full');
    assert.equal(pathAfter(edited('"thickness": 2', '"thickness": "2"')), 'full');
  });

  it('lints in full when the text stops parsing, and again when it parses again', () => {
    const broken = edited('"thickness": 2', '"thickness": 2,');
    const session = new LintSession();
    assert.equal(pathAfter(broken, {}, session), 'full');
    assertSameAsFullLint(session, edited('"thickness": 2', '"thickness": 3'));
    assert.equal(session.lastPath, 'full');
  });

  it('lints in full when the edited step has credentials, or the value becomes a secret or a model id changes', () => {
    assert.equal(pathAfter(edited('count the cars', 'count the car')), 'full');
    assert.equal(pathAfter(edited('"car"', '"sk-proj-a8Xk29dLq0Zr7VbT3mNw5car"')), 'full');
    assert.equal(pathAfter(edited('yolov8n-640', 'yolov8n-6401')), 'full');
  });

  it('lints in full when the edit reaches beyond one literal: into a key, over the literal before it, or a `$`', () => {
    const session = new LintSession();
    session.lint(text, catalog);
    const renamed = edited('"thickness": 2', '"thicknesz": 3');
    assert.deepEqual(seen(renamed, session.lint(renamed, catalog).findings), [
      ['unknown-property', 'warning', '"thicknesz"'],
      ['unused-step', 'hint', '"llm"'],
      ['credential-input', 'information', '"$inputs.key"'],
      ['unknown-input', 'error', 'key'],
    ]);
    assert.equal(session.lastPath, 'full');
    assertSameAsFullLint(session, renamed);

    // A pasted model id that differs from its first to its last character: the change reaches back past `confidence`.
    const detector = workflowText({
      steps: [{ type: DETECTION_STEP.type, name: 'det', images: '$inputs.image', confidence: 0.4, model_id: 'people-detection-o4rdr/7' }],
      outputs: [{ type: 'JsonField', name: 'out', selector: '$steps.det.predictions' }],
    });
    const pasted = detector.replace('people-detection-o4rdr/7', 'hard-hats-detection-x1/9');
    assert.ok(pasted.includes('"confidence": 0.4,\n      "model_id": "hard-hats-detection-x1/9"'));
    session.lint(detector, catalog);
    const result = session.lint(pasted, catalog);
    assert.equal(session.lastPath, 'full');
    assert.deepEqual(seen(pasted, result.findings), [['private-model', 'information', '"hard-hats-detection-x1/9"']]);
    assert.deepEqual(result.security.models.uses.map((u) => u.modelId), ['hard-hats-detection-x1/9']);
    assertSameAsFullLint(session, pasted);

    // The step was the only one reading the image: without the `$`, the input is unused.
    const plain = detector.replace('"$inputs.image"', '"inputs.image"');
    session.lint(detector, catalog);
    assert.deepEqual(seen(plain, session.lint(plain, catalog).findings), [
      ['unused-input', 'hint', '"image"'],
      ['invalid-value', 'error', '"inputs.image"'],
      ['private-model', 'information', '"people-detection-o4rdr/7"'],
    ]);
    assert.equal(session.lastPath, 'full');
    assertSameAsFullLint(session, plain);
  });

  it('lints in full after the catalog or the stored secrets change', () => {
    const session = new LintSession();
    session.lint(text, catalog);
    const other = new Catalog(catalog.data);
    session.lint(edited('"confidence": 0.4', '"confidence": 0.45'), other);
    assert.equal(session.lastPath, 'full');
    assert.equal(pathAfter(edited('"confidence": 0.4', '"confidence": 0.45'), { storedSecrets: ['a-stored-value'] }), 'incremental');
    session.lint(edited('"confidence": 0.4', '"confidence": 0.46'), other, { storedSecrets: ['a-stored-value'] });
    assert.equal(session.lastPath, 'full');
  });

  it('lints in full after the cache setting changes', () => {
    const session = new LintSession();
    session.lint(text, catalog, { cache: true });
    session.lint(edited('"confidence": 0.4', '"confidence": 0.45'), catalog, { cache: false });
    assert.equal(session.lastPath, 'full');
    session.lint(edited('"confidence": 0.4', '"confidence": 0.46'), catalog, { cache: false });
    assert.equal(session.lastPath, 'incremental');
  });

  it('lints documents with custom Python blocks in full', () => {
    const custom = JSON.stringify(
      {
        version: '1.0',
        inputs: [{ type: 'WorkflowImage', name: 'image' }],
        dynamic_blocks_definitions: [counterBlockDefinition()],
        steps: [{ type: 'Counter', name: 'counter', image: '$inputs.image', threshold: 0.5 }, { ...DETECTION_STEP, confidence: 0.4 }],
        outputs: [{ type: 'JsonField', name: 'count', selector: '$steps.counter.count' }],
      },
      null,
      2,
    );
    for (const [from, to] of [['"threshold": 0.5', '"threshold": 0.7'], ['"confidence": 0.4', '"confidence": 0.45']]) {
      const session = new LintSession();
      session.lint(custom, catalog);
      assertSameAsFullLint(session, custom.replace(from, to));
      assert.equal(session.lastPath, 'full', to);
    }
  });

  it('falls back to a full lint, never throwing, when the update runs out of stack', () => {
    // Copying a tree nested 1000 levels deep takes more stack than anything else the update does.
    const deep = edited('"version": "1.0"', `"version": "1.0",\n  "notes": ${'['.repeat(1000)}${']'.repeat(1000)}`);
    const next = deep.replace('"confidence": 0.4', '"confidence": 0.45');
    /** `f`, called under `frames` more calls: with that much less stack left. */
    const under = <T>(frames: number, f: () => T): T => (frames > 0 ? under(frames - 1, f) : f());
    for (let frames = 0; ; frames += 200) {
      const session = new LintSession();
      session.lint(deep, catalog);
      const result = under(frames, () => session.lint(next, catalog));
      if (session.lastPath === 'full') break;
      assert.deepEqual(result.findings, lintWorkflow(next, catalog).findings, `under ${frames} calls`);
    }
  });

  it('returns the same result for the same text, and starts over after reset', () => {
    const session = new LintSession();
    const first = session.lint(text, catalog);
    assert.equal(session.lint(text, catalog), first);
    session.reset();
    session.lint(edited('"confidence": 0.4', '"confidence": 0.45'), catalog);
    assert.equal(session.lastPath, 'full');
  });
});

/** Findings as the editor shows them, in order: code, severity and the text each underlines. */
function seen(text: string, findings: readonly Finding[]): [string, string, string][] {
  return findings.map((f) => [f.code, f.severity, underlined(text, f)]);
}

describe('incremental lint: the findings of a re-checked step among the others', () => {
  /** Lints `before`, then `after` (an edit of one literal), which must be re-checked step by step. */
  function relinted(before: string, after: string, lintCatalog = catalog): LintResult {
    assert.notEqual(before, after);
    const session = new LintSession();
    session.lint(before, lintCatalog);
    const result = session.lint(after, lintCatalog);
    assert.equal(session.lastPath, 'incremental');
    assertSameAsFullLint(session, after, {}, lintCatalog);
    return result;
  }
  const output = (selector: string) => [{ type: 'JsonField', name: 'out', selector }];

  it('puts the findings of the step back where they were, first among equals', () => {
    // Florence-2 described with optional images and outputs one level up: its task's `classes` is
    // missing (the step check), and it gets no batch to collapse (the whole-document lineage check).
    const florence = 'roboflow_core/florence_2@v1';
    const catalog = catalogWithBlock(florence, (b) => ({ ...b, fields: b.fields.map((f) => (f.name === 'images' ? { ...f, required: false } : f)), dimensionality: { ...b.dimensionality!, outputOffset: -1 } }));
    const before = workflowText({ steps: [{ type: florence, name: 'florence', prompt: 'find cars' }], outputs: output('$steps.florence.raw_output') });
    const after = before.replace('find cars', 'find trucks');
    const type = `"${florence}"`;
    assert.deepEqual(seen(after, relinted(before, after, catalog).findings), [
      ['unused-input', 'hint', '"image"'],
      ['missing-required-field', 'error', type],
      ['dimensionality-mismatch', 'error', type],
    ]);
  });

  it('puts a warning of the step after an error of another check at the same place', () => {
    const before = workflowText({ steps: [{ ...DETECTION_STEP, name: 'my det' }, { ...DETECTION_STEP, name: 'my det', confidence: 0.4 }], outputs: [] });
    const after = before.replace('"confidence": 0.4', '"confidence": 0.5');
    const findings = relinted(before, after).findings;
    assert.deepEqual(seen(after, findings), [
      ['unreferenceable-name', 'warning', '"my det"'],
      ['unused-step', 'hint', '"my det"'],
      ['duplicate-name', 'error', '"my det"'],
      ['unreferenceable-name', 'warning', '"my det"'],
    ]);
    const [first, second] = [after.indexOf('"my det"'), after.lastIndexOf('"my det"')];
    assert.deepEqual(findings.map((f) => f.range.offset), [first, first, second, second]);
  });

  it('orders the findings of the step by place, then severity, and among equals as its checks ran', () => {
    // The task's required `classes` is checked after the fields, but points at the type, before them.
    const before = workflowText({ steps: [{ type: 'roboflow_core/florence_2@v1', name: 'florence', prompt: 'find cars', grounding_selection_mode: 'largest' }], outputs: output('$steps.florence.raw_output') });
    const after = before.replace('find cars', 'find trucks');
    const findings = relinted(before, after).findings;
    const type = '"roboflow_core/florence_2@v1"';
    assert.deepEqual(seen(after, findings), [
      ['unused-input', 'hint', '"image"'],
      ['missing-required-field', 'error', type],
      ['missing-required-field', 'error', type],
      ['invalid-value', 'error', '"largest"'],
    ]);
    assert.match(findings[1].message, /is missing required field `images`/);
    assert.match(findings[2].message, /runs task "open-vocabulary-object-detection" \(the default\), which needs field `classes`/);
  });

  it('grows the range of a finding of another check around the edited literal', () => {
    // A live server's description whose stitch block takes its output depth from `iou_threshold`: the
    // whole-document lineage check then underlines that literal, which the edit lengthens.
    const data = catalog.data;
    const stitchFromThreshold = new Catalog({
      ...data,
      blocks: data.blocks.map((b) => (b.type === 'roboflow_core/detections_stitch@v1' ? { ...b, dimensionality: { ...b.dimensionality!, referenceProperty: 'iou_threshold', inputOffsets: {} } } : b)),
    });
    const before = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/detections_stitch@v1', name: 'stitch', reference_image: '$inputs.image', predictions: '$steps.det.predictions', iou_threshold: 0.5 }], outputs: output('$steps.stitch.predictions') });
    const after = before.replace('"iou_threshold": 0.5', '"iou_threshold": 0.55');
    assert.deepEqual(seen(after, relinted(before, after, stitchFromThreshold).findings), [['dimensionality-mismatch', 'error', '0.55']]);
  });
});
