import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { kindsCompatible, knownKinds } from '../../src/core/validate/kinds';
import { counterBlockWith, counterWorkflowText, inputsOf, manifestOf, type Json } from '../support/counterBlock';
import { freshCatalog } from '../support/freshCatalog';

/**
 * A workflow parameter declared without a kind accepts anything, but plugged into two fields that
 * share no kind no single value satisfies both: the server refuses the workflow.
 */

const clip = (name: string, data: string) => ({ type: 'roboflow_core/clip@v1', name, data });
const detection = (name: string, extra: Json) => ({ type: 'roboflow_core/roboflow_object_detection_model@v2', name, images: '$inputs.image', model_id: 'yolov8n-640', ...extra });
// `data` of this block accepts any kind (`*`).
const property = (name: string, data: string) => ({ type: 'roboflow_core/property_definition@v1', name, data, operations: [] });

function workflow(parameter: Json, steps: Json[], definitions?: Json[]): string {
  return JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'p', ...parameter }],
      ...(definitions ? { dynamic_blocks_definitions: definitions } : {}),
      steps,
      outputs: steps.map((s) => ({ type: 'JsonField', name: `out_${String(s.name)}`, selector: `$steps.${String(s.name)}.*` })),
    },
    null,
    2,
  );
}

const slice = (text: string, range: { offset: number; length: number }) => text.slice(range.offset, range.offset + range.length);

/** What the user sees of each kind conflict: severity, message, the text underlined, and each related location's message and text. */
function conflicts(text: string) {
  return validateWorkflow(text, freshCatalog())
    .findings.filter((f: Finding) => f.code === 'input-kind-conflict')
    .map((f) => ({ severity: f.severity, message: f.message, underlined: slice(text, f.range), related: (f.related ?? []).map((r) => [r.message, slice(text, r.range)]) }));
}

/** The offset where the `n`-th (0-based) occurrence of `needle` starts. */
function nth(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  return at;
}

describe('input kind conflicts', () => {
  it('reports an untyped input used as kinds no single value has, at the second use, with the first use and the declaration', () => {
    const text = workflow({}, [clip('clip', '$inputs.p'), detection('det', { confidence: '$inputs.p' })]);
    assert.deepEqual(conflicts(text), [
      {
        severity: 'error',
        message: 'Input `p` is used as image/string (`data` of `clip`) and as float_zero_to_one (`confidence` of `det`); no single value can be both. Use a separate input for each.',
        underlined: '"$inputs.p"',
        related: [
          ['Used as image/string here', '"$inputs.p"'],
          ['Input `p` is declared here', '"p"'],
        ],
      },
    ]);
    // Each location is the one meant: the clash is the second selector, the first use the first one.
    const found = validateWorkflow(text, freshCatalog()).findings.find((f) => f.code === 'input-kind-conflict')!;
    assert.equal(found.range.offset, nth(text, '"$inputs.p"', 1));
    assert.equal(found.related![0].range.offset, nth(text, '"$inputs.p"', 0));
    assert.equal(found.related![1].range.offset, text.indexOf('"p"'));
  });

  it('names the first use that clashes with the first one, after compatible uses', () => {
    const text = workflow({}, [
      detection('a', { confidence: '$inputs.p' }),
      detection('b', { iou_threshold: '$inputs.p' }),
      detection('c', { max_detections: '$inputs.p' }),
    ]);
    assert.deepEqual(conflicts(text).map((c) => c.message), [
      'Input `p` is used as float_zero_to_one (`confidence` of `a`) and as integer (`max_detections` of `c`); no single value can be both. Use a separate input for each.',
    ]);
  });

  it('names every kind the clashing field accepts', () => {
    const text = workflow({}, [detection('det', { confidence: '$inputs.p' }), clip('clip', '$inputs.p')]);
    assert.deepEqual(conflicts(text).map((c) => c.message), [
      'Input `p` is used as float_zero_to_one (`confidence` of `det`) and as image/string (`data` of `clip`); no single value can be both. Use a separate input for each.',
    ]);
  });

  it('leaves out fields that accept any kind when it looks for the first use', () => {
    const text = workflow({}, [property('prop', '$inputs.p'), detection('a', { confidence: '$inputs.p' }), detection('b', { max_detections: '$inputs.p' })]);
    assert.deepEqual(conflicts(text).map((c) => c.message), [
      'Input `p` is used as float_zero_to_one (`confidence` of `a`) and as integer (`max_detections` of `b`); no single value can be both. Use a separate input for each.',
    ]);
  });

  it('reports nothing for an input declared with a kind: the server checks each use against it', () => {
    const text = workflow({ kind: ['float_zero_to_one'] }, [detection('a', { confidence: '$inputs.p' }), detection('b', { max_detections: '$inputs.p' })]);
    assert.deepEqual(conflicts(text), []);
  });

  it('reports nothing when the uses share a kind', () => {
    const text = workflow({}, [detection('a', { confidence: '$inputs.p' }), detection('b', { iou_threshold: '$inputs.p' })]);
    assert.deepEqual(conflicts(text), []);
  });

  it('reports nothing when the other use accepts any kind', () => {
    const text = workflow({}, [detection('a', { confidence: '$inputs.p' }), property('prop', '$inputs.p')]);
    assert.deepEqual(conflicts(text), []);
  });

  it('reports nothing for a field of a custom block declared with an empty kind list', () => {
    const block = counterBlockWith((b) => (inputsOf(b).threshold.selector_data_kind = { input_parameter: [] }));
    const text = workflow({}, [detection('a', { confidence: '$inputs.p' }), { type: 'Counter', name: 'counter', image: '$inputs.image', threshold: '$inputs.p' }], [block]);
    assert.deepEqual(conflicts(text), []);
  });

  it('reports nothing for an input used once, or not at all', () => {
    assert.deepEqual(conflicts(workflow({}, [detection('a', { confidence: '$inputs.p' })])), []);
    assert.deepEqual(conflicts(workflow({}, [detection('a', {})])), []);
  });
});

describe('known kinds', () => {
  /** The bundled catalog with one more block, as a newer release's catalog: a field and an output of kinds the engine's registry lacks. */
  function newerCatalog(): Catalog {
    const data = freshCatalog().data;
    const base = data.blocks[0];
    const newer = { ...base, type: 'acme/newer_block@v1', aliases: [], fields: [{ ...base.fields[0], name: 'scores', selectorKinds: ['score_map'] }], outputs: [{ name: 'heat', kinds: ['heat_map'] }] };
    return new Catalog({ ...data, blocks: [...data.blocks, newer] });
  }

  /** The messages of the findings about a custom block whose `count` output declares `kinds`. */
  const outputKindMessages = (kinds: string[], catalog: Catalog) => {
    const block = counterBlockWith((b) => ((manifestOf(b).outputs as Record<string, Json>).count.kind = kinds));
    return validateWorkflow(counterWorkflowText({ block }), catalog).findings.filter((f) => f.code === 'dynamic-block-invalid').map((f) => f.message);
  };

  it('knows the kinds a block of the catalog declares, besides the registered ones', () => {
    const kinds = knownKinds(newerCatalog());
    assert.deepEqual([kinds.has('score_map'), kinds.has('heat_map'), kinds.has('image'), kinds.has('roboflow_model_id'), kinds.has('no_such_kind')], [true, true, true, true, false]);
    assert.deepEqual(outputKindMessages(['heat_map', 'score_map'], newerCatalog()), []);
    assert.deepEqual(outputKindMessages(['heat_map'], freshCatalog()), [
      'Custom Python block `Counter`: Output `count` declares kind `heat_map`, which the engine does not know. The server refuses the workflow.',
    ]);
  });

  it('works the kinds out once per catalog', () => {
    const catalog = newerCatalog();
    assert.equal(knownKinds(catalog), knownKinds(catalog));
  });

  it('finds kinds compatible when either side has the wildcard or they share a kind', () => {
    assert.equal(kindsCompatible([], ['image']), true);
    assert.equal(kindsCompatible(['*'], ['image']), true);
    assert.equal(kindsCompatible(['image'], ['*']), true);
    assert.equal(kindsCompatible(['image', 'string'], ['float', 'string']), true);
    assert.equal(kindsCompatible(['image'], ['string']), false);
    assert.equal(kindsCompatible(['image'], []), false);
  });
});
