import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { Catalog } from '../../src/core/catalog/catalog';
import type { Finding } from '../../src/core/findings';
import { blockDocsUrl } from '../../src/core/language/blockDocs';
import { documentLinks } from '../../src/core/language/documentLinks';
import { documentSymbols, type WorkflowSymbol } from '../../src/core/language/documentSymbols';
import { hoverAt } from '../../src/core/language/hover';
import { foldingRegions, formatEdits, selectionRanges } from '../../src/core/language/jsonStructure';
import { nameReferences } from '../../src/core/language/nameReferences';
import { definitionAt, referencesAt } from '../../src/core/language/navigation';
import { prepareRename, renameEdits } from '../../src/core/language/rename';
import { selectorCompletions } from '../../src/core/language/selectorCompletions';
import { lintWorkflow } from '../../src/core/lint';
import { validateWorkflow } from '../../src/core/validate';
import { after, applyEdits, slice } from '../support/textCursor';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

const catalog = bundledCatalog();
const model = (text: string, using = catalog) => validateWorkflow(text, using).model!;

const PARSER = { type: 'roboflow_core/json_parser@v1', name: 'parse', raw_json: '$steps.claude.output', expected_fields: ['label'] };
const SECRETS = { type: 'roboflow_core/environment_secrets_store@v1', name: 'secrets', variables_storing_secrets: ['KEY'] };
const CLAUDE = { type: 'roboflow_core/anthropic_claude@v1', name: 'claude', images: '$inputs.image', task_type: 'unconstrained', prompt: 'Describe', api_key: '$inputs.key' };
const GATE = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {}, next_steps: ['$steps.det'] };

describe('language: hovers on a step\'s type and properties', () => {
  const text = workflowText({ steps: [DETECTION_STEP, CLAUDE, PARSER, SECRETS, GATE] });
  // The pointer inside each later step's type: each step's own block is described.
  const onType = (type: string) => hoverAt(model(text), catalog, after(text, `"type": "${type}`, 0, 3))!;

  it('lists a block\'s outputs with their kinds, and says when more depend on its configuration', () => {
    const claude = onType(CLAUDE.type);
    assert.equal(claude.markdown, '**Anthropic Claude** · `roboflow_core/anthropic_claude@v1`\n\nRun Anthropic Claude model with vision capabilities.\n\nOutputs: `output` (string, language_model_output), `classes` (list_of_values)');
    assert.equal(slice(text, claude.range), `"${CLAUDE.type}"`);
    // `*` is not an output one can name: it becomes the sentence about the configuration.
    assert.equal(onType(PARSER.type).markdown, '**JSON Parser** · `roboflow_core/json_parser@v1`\n\nParse raw string into JSON.\n\nOutputs: `error_status` (boolean), and outputs that depend on its configuration');
    assert.equal(onType(SECRETS.type).markdown, '**Environment Secrets Store** · `roboflow_core/environment_secrets_store@v1`\n\nFetch secrets from environmental variables.\n\nOutputs depend on its configuration.');
  });

  it('leaves out the outputs line of a block that has none', () => {
    assert.equal(onType(GATE.type).markdown, '**Continue If** · `roboflow_core/continue_if@v1`\n\nConditionally stop execution of a branch.');
  });

  it('marks a required property and gives no default when it has none', () => {
    const info = hoverAt(model(text), catalog, after(text, '"model_id', 0, 3))!;
    assert.equal(info.markdown, '**model_id** (required) of Object Detection Model\n\nTakes a string, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind roboflow_model_id).');
    assert.equal(slice(text, info.range), '"model_id"');
  });

  it('describes a selector that is the first of a list, not as a property', () => {
    const info = hoverAt(model(text), catalog, after(text, '"next_steps": [\n        "$steps.d'))!;
    assert.equal(info.markdown, 'Step `det`: **Object Detection Model** · `roboflow_core/roboflow_object_detection_model@v2`\n\nPredict the location of objects with bounding boxes.\n\nOutputs: `inference_id` (inference_id), `predictions` (object_detection_prediction), `model_id` (roboflow_model_id)');
    assert.equal(slice(text, info.range), '"$steps.det"');
  });

  it('does not describe a key inside a dict property as one of the step\'s properties', () => {
    const nested = workflowText({ steps: [DETECTION_STEP, { ...GATE, evaluation_parameters: { next_steps: '$steps.det.predictions' } }] });
    assert.equal(hoverAt(model(nested), catalog, after(nested, '"evaluation_parameters": {\n        "next')), undefined);
  });

  it('shows nothing on a number or a plain string value', () => {
    const numbers = workflowText({ steps: [{ ...DETECTION_STEP, confidence: 0.5 }] });
    assert.equal(hoverAt(model(numbers), catalog, after(numbers, '"confidence": 0.'), []), undefined);
    assert.equal(hoverAt(model(numbers), catalog, after(numbers, '"model_id": "yolo'), []), undefined);
  });
});

describe('language: hovers on a selector', () => {
  const text = workflowText({
    inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'threshold', kind: ['float_zero_to_one', 'float'] }, { name: 'raw' }],
    steps: [{ ...DETECTION_STEP, images: '$inputs.imgae', confidence: '$inputs.threshold', iou_threshold: '$inputs.raw' }],
  });
  let result: ReturnType<typeof lintWorkflow>;
  beforeEach(() => {
    result = lintWorkflow(text, catalog);
  });
  const hover = (offset: number, findings: readonly Finding[] = result.findings) => hoverAt(result.model!, catalog, offset, findings)?.markdown;
  const unknownInput = () => result.findings.find((f) => f.code === 'unknown-input')!;

  it('lists every kind of an input, and calls an input without a type an input', () => {
    assert.equal(hover(after(text, '"$inputs.thr')), 'Input **threshold**: WorkflowParameter, kind `float_zero_to_one`, `float`');
    assert.equal(hover(after(text, '"$inputs.r')), 'Input **raw**: input, kind `*`');
  });

  it('leaves the problem to the editor from its first character, and says it again from the closing quote', () => {
    assert.equal(slice(text, unknownInput().range), 'imgae');
    assert.equal(hover(after(text, '"$inputs.')), undefined);
    assert.equal(hover(after(text, '"$inputs.imgae')), unknownInput().message);
  });

  it('says the problems inside the selector\'s string, quotes included, and not those running past it', () => {
    const output = workflowText();
    const m = model(output);
    // Squiggles by their text: the opening quote and `$`, `predictions` and the closing quote, and from that quote on past the string.
    const squiggle = (start: number, length: number, message: string): Finding => ({ code: 'test', severity: 'warning', message, range: { offset: start, length } });
    const open = after(output, '"selector": ');
    const close = after(output, '"$steps.det.predictions');
    const findings = [squiggle(open, 2, 'from the opening quote'), squiggle(close - 11, 12, 'to the closing quote'), squiggle(close, 3, 'past the string')];
    const markdown = hoverAt(m, catalog, after(output, '"$steps.d'), findings)!.markdown;
    assert.ok(markdown.startsWith('from the opening quote\n\n---\n\nto the closing quote\n\n---\n\nOutput **predictions** of step `det`'), markdown);
  });

  it('says nothing about a plain string, even with a problem inside it', () => {
    // Problems are repeated only on selectors, beside what they point at; the editor shows the rest.
    const plain = workflowText({ steps: [{ ...DETECTION_STEP, model_id: 'yolo' }] });
    const inside: Finding = { code: 'test', severity: 'warning', message: 'unknown model', range: { offset: after(plain, '"yolo', 0, 4), length: 4 } };
    assert.equal(hoverAt(model(plain), catalog, after(plain, '"yolo', 0, 5), [inside]), undefined);
  });
});

describe('language: selector completions', () => {
  const text = workflowText({
    inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'threshold', kind: ['float_zero_to_one', 'float'] }, { kind: ['image'] }, { name: 'raw', kind: ['image'] }],
    steps: [
      { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.', predictions: '$steps.det.predictions' },
      DETECTION_STEP,
      { ...CLAUDE, api_key: 'KEY' },
      PARSER,
      { type: 'roboflow_core/nope@v1', name: 'custom' },
      { name: 'untyped' },
      { ...GATE, next_steps: ['$steps.'] },
    ],
    outputs: [{ type: 'JsonField', name: '$steps.', selector: '$steps.' }],
  });
  const at = (offset: number) => selectorCompletions(text, offset, catalog).map((i) => [i.label, i.detail, i.compatible]);
  const labels = (offset: number, using = catalog, within = text) => selectorCompletions(within, offset, using).map((i) => i.label);

  it('offers inputs with their type and kinds, then other steps\' named outputs, fitting ones first', () => {
    assert.deepEqual(at(after(text, '"images": "$inputs.')), [
      ['$inputs.image', 'WorkflowImage · image', true],
      ['$inputs.raw', 'input · image', true],
      ['$inputs.threshold', 'WorkflowParameter · float_zero_to_one, float', false],
      ['$steps.det.inference_id', 'Object Detection Model · inference_id', false],
      ['$steps.det.predictions', 'Object Detection Model · object_detection_prediction', false],
      ['$steps.det.model_id', 'Object Detection Model · roboflow_model_id', false],
      ['$steps.claude.output', 'Anthropic Claude · string, language_model_output', false],
      ['$steps.claude.classes', 'Anthropic Claude · list_of_values', false],
      ['$steps.parse.error_status', 'JSON Parser · boolean', false],
    ]);
  });

  it('offers nothing with the cursor before the opening quote', () => {
    assert.deepEqual(at(after(text, '"images": ')), []);
    assert.equal(at(after(text, '"images": "')).length, 9);
  });

  it('offers all of a step\'s outputs at once in a workflow output, every one fitting', () => {
    const items = at(after(text, '"selector": "$steps.'));
    assert.deepEqual(items.filter(([label]) => (label as string).startsWith('$steps.claude')), [
      ['$steps.claude.*', 'all outputs of Anthropic Claude', true],
      ['$steps.claude.output', 'Anthropic Claude · string, language_model_output', true],
      ['$steps.claude.classes', 'Anthropic Claude · list_of_values', true],
    ]);
    assert.ok(items.every(([, , compatible]) => compatible === true));
    assert.deepEqual(at(after(text, '"name": "$steps.')), [], 'an output\'s name is not a selector');
  });

  it('offers steps in flow-control targets, described by block, type or nothing', () => {
    assert.deepEqual(at(after(text, '"next_steps": [\n        "$steps.')), [
      ['$steps.crop', 'Dynamic Crop', true],
      ['$steps.det', 'Object Detection Model', true],
      ['$steps.claude', 'Anthropic Claude', true],
      ['$steps.parse', 'JSON Parser', true],
      ['$steps.custom', 'roboflow_core/nope@v1', true],
      ['$steps.untyped', 'step', true],
    ]);
  });

  it('offers only step outputs to a field that takes only those, and both to one that takes either', () => {
    const visualization = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps: [
        DETECTION_STEP,
        { type: 'roboflow_core/classification_label_visualization@v1', name: 'viz', image: '$inputs.image', predictions: '$steps.' },
        { type: 'roboflow_core/plc_reader@v1', name: 'plc', tags_to_read: '$' },
      ],
    });
    assert.deepEqual(labels(after(visualization, '"predictions": "$steps.'), catalog, visualization), [
      '$steps.det.inference_id',
      '$steps.det.predictions',
      '$steps.det.model_id',
      '$steps.plc.tag_values',
      '$steps.plc.error_status',
    ]);
    assert.deepEqual(labels(after(visualization, '"tags_to_read": "$'), catalog, visualization), [
      '$inputs.image',
      '$steps.det.inference_id',
      '$steps.det.predictions',
      '$steps.det.model_id',
      '$steps.viz.image',
    ]);
  });

  it('offers inputs to a field taking a step\'s outputs or a parameter (a server\'s custom block)', () => {
    const data = catalog.data;
    const custom = { ...data.blocks[0], type: 'acme/mixed@v1', aliases: [], fields: [{ name: 'value', required: true, selectorKinds: [], selectorTargets: ['step_output', 'workflow_parameter'], containers: ['single'], literalTypes: [], nullable: false }] };
    const withCustom = new Catalog({ ...data, blocks: [...data.blocks, custom] as typeof data.blocks });
    const mixed = workflowText({ steps: [DETECTION_STEP, { type: 'acme/mixed@v1', name: 'm', value: '$' }] });
    assert.deepEqual(labels(after(mixed, '"value": "$'), withCustom, mixed), ['$inputs.image', '$steps.det.inference_id', '$steps.det.predictions', '$steps.det.model_id']);
  });
});

describe('language: outline of entries without names', () => {
  const text = workflowText({
    inputs: [{ name: 'raw' }, { type: 'WorkflowParameter', kind: ['float_zero_to_one', 'float'] }],
    steps: [DETECTION_STEP, {}],
    outputs: [{ type: 'JsonField' }],
  });
  const rows = (symbols: WorkflowSymbol[]): unknown[] => symbols.map((s) => [s.name, s.detail, s.kind, rows(s.children)]);

  it('numbers them from 1, shows declared kinds, and gives empty details where nothing is known', () => {
    const symbols = documentSymbols(model(text));
    assert.deepEqual(rows(symbols), [
      ['Inputs', '', 'section', [['raw', 'input', 'input', []], ['input 2', 'WorkflowParameter · float_zero_to_one, float', 'input', []]]],
      ['Steps', '', 'section', [['det', 'Object Detection Model · v2', 'step', []], ['step 2', '', 'step', []]]],
      ['Outputs', '', 'section', [['output 1', '', 'output', []]]],
    ]);
    // Without a name there is nothing to select: the cursor goes to the entry's start.
    const unnamed = symbols[1].children[1];
    assert.deepEqual(unnamed.selectionRange, { offset: unnamed.range.offset, length: 0 });
    assert.equal(slice(text, unnamed.range), '{}');
  });
});

describe('language: documentation links', () => {
  it('gives each link a tooltip naming the block, and none to an unknown type', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/nope@v1', name: 'x' }, { type: 42, name: 'y' }] });
    const links = documentLinks(model(text));
    assert.deepEqual(links.map((l) => [slice(text, l.range), l.tooltip]), [['roboflow_core/roboflow_object_detection_model@v2', 'Open the documentation of Object Detection Model']]);
  });

  it('has a page only for a type starting with roboflow_core/ or roboflow_enterprise/', () => {
    const crop = catalog.block('roboflow_core/dynamic_crop@v1')!;
    assert.equal(blockDocsUrl({ ...crop, type: 'acme/roboflow_core/crop@v1' }), undefined);
    assert.equal(blockDocsUrl({ ...crop, type: 'roboflow_enterprise/crop@v1' }), 'https://inference.roboflow.com/workflows/blocks/dynamic_crop/');
  });

  it('works out each block\'s page once', () => {
    const block = { ...catalog.block('roboflow_core/dynamic_crop@v1')! };
    assert.equal(blockDocsUrl(block), 'https://inference.roboflow.com/workflows/blocks/dynamic_crop/');
    block.humanName = 'Other Name';
    assert.equal(blockDocsUrl(block), 'https://inference.roboflow.com/workflows/blocks/dynamic_crop/');
  });
});

describe('language: references', () => {
  it('gives a later duplicate only its own name: selectors name the first', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { ...DETECTION_STEP, images: '$inputs.image' }] });
    const m = model(text);
    const second = after(text, '"name": "det', 1, 1);
    assert.deepEqual(referencesAt(m, text, second)!.map((r) => r.offset), [after(text, '"name": "det', 1, 3)]);
    assert.deepEqual(referencesAt(m, text, second, false), []);
    assert.deepEqual(referencesAt(m, text, after(text, '"name": "det', 0, 1))!.map((r) => r.offset), [after(text, '"name": "det', 0, 3), after(text, '"$steps.')]);
  });

  it('finds a step that is not the first from its name', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' }], outputs: [{ type: 'JsonField', name: 'c', selector: '$steps.crop.crops' }] });
    assert.deepEqual(referencesAt(model(text), text, after(text, '"name": "cr'))!.map((r) => r.offset), [after(text, '"name": "', 2), after(text, '"$steps.', 1)]);
  });

  it('keeps steps and inputs of the same name apart', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, name: 'image' }], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.image.predictions' }] });
    const inputRefs = referencesAt(model(text), text, after(text, '"name": "im'))!;
    assert.deepEqual(inputRefs.map((r) => r.offset), [after(text, '"name": "'), after(text, '"$inputs.')]);
  });

  it('lists them in document order when a step is used before it is declared', () => {
    const text = workflowText({ steps: [{ type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' }, DETECTION_STEP] });
    const refs = referencesAt(model(text), text, after(text, '"name": "de'))!;
    assert.deepEqual(refs.map((r) => r.offset), [after(text, '"predictions": "$steps.'), after(text, '"name": "', 2), after(text, '"selector": "$steps.')]);
    assert.ok(refs.every((r) => slice(text, r) === 'det'));
  });

  it('reads the tree\'s selectors once for all requests on it', () => {
    const text = workflowText();
    const m = model(text);
    assert.equal(nameReferences(m, text), nameReferences(m, text));
  });

  it('leads nowhere from a selector without a name', () => {
    const text = workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.' }] });
    assert.equal(definitionAt(model(text), text, after(text, '"$steps.')), undefined);
  });
});

describe('language: rename', () => {
  const text = workflowText({
    inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowImage', name: 'mask' }],
    steps: [DETECTION_STEP, { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.mask', predictions: '$steps.det.predictions' }],
  });

  it('renames an input to a step\'s name: the two live apart', () => {
    const result = renameEdits(model(text), text, after(text, '"name": "ma'), 'det');
    assert.ok('edits' in result);
    assert.equal(applyEdits(text, result.edits), text.replace('"name": "mask"', '"name": "det"').replace('"$inputs.mask"', '"$inputs.det"'));
  });

  it('refuses an input name another input has', () => {
    assert.deepEqual(renameEdits(model(text), text, after(text, '"name": "ma'), 'image'), { error: 'An input named `image` already exists: input names must be unique.' });
  });

  it('changes nothing when the name stays the same', () => {
    assert.deepEqual(renameEdits(model(text), text, after(text, '"name": "de'), 'det'), { edits: [] });
    assert.deepEqual(renameEdits(model(text), text, after(text, '"$inputs.ma'), 'mask'), { edits: [] });
  });

  it('refuses a selector without a name, and a name that is not a string', () => {
    const odd = workflowText({ steps: [{ ...DETECTION_STEP, name: 7 }], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.' }] });
    const refusal = { error: 'Only a step or input name, or the name in a selector, can be renamed here.' };
    assert.deepEqual(prepareRename(model(odd), odd, after(odd, '"$steps.')), refusal);
    assert.deepEqual(prepareRename(model(odd), odd, after(odd, '"name": 7', 0, 1)), refusal);
  });

  it('leaves alone a dict key that looks like a selector: keys are never selectors', () => {
    const keyed = workflowText({ steps: [DETECTION_STEP, { ...GATE, evaluation_parameters: { '$steps.det': '$steps.det.predictions' } }] });
    const result = renameEdits(model(keyed), keyed, after(keyed, '"name": "de'), 'detector');
    assert.ok('edits' in result);
    const expected = keyed.replace('"name": "det"', '"name": "detector"').replaceAll('$steps.det', '$steps.detector').replace('"$steps.detector":', '"$steps.det":');
    assert.equal(applyEdits(keyed, result.edits), expected);
  });

  it('leaves alone a selector spelled with an escape, whose name it cannot place', () => {
    const escaped = workflowText().replace('"$steps.det.predictions"', '"$steps.d\\u0065t.predictions"');
    const result = renameEdits(model(escaped), escaped, after(escaped, '"name": "de'), 'detector');
    assert.ok('edits' in result);
    assert.equal(applyEdits(escaped, result.edits), escaped.replace('"name": "det"', '"name": "detector"'));
  });
});

describe('language: folding, selection and formatting', () => {
  const text = '{\n  /* a\n     comment */\n  // #region steps\n  "a": [\n    1\n  ],\n  // #endregion\n  "b": {\n    "c": 1\n  }\n}\n';

  it('folds objects, arrays, comments and regions, keeping the outermost within the limit', () => {
    assert.deepEqual(foldingRegions(text, 100), [
      { startLine: 1, endLine: 2, kind: 'comment' },
      { startLine: 4, endLine: 5 },
      { startLine: 3, endLine: 7, kind: 'region' },
      { startLine: 8, endLine: 9 },
      { startLine: 0, endLine: 10 },
    ]);
    assert.deepEqual(foldingRegions(text, 2), [{ startLine: 1, endLine: 2, kind: 'comment' }, { startLine: 0, endLine: 10 }]);
  });

  it('expands the selection from a key to its property, object and document', () => {
    const [chain] = selectionRanges(text, [after(text, '"c')]);
    const document = text.slice(0, text.lastIndexOf('}') + 1);
    assert.deepEqual(chain.map((r) => slice(text, r)), ['c', '"c"', '"c": 1', '\n    "c": 1\n  ', '{\n    "c": 1\n  }', '"b": {\n    "c": 1\n  }', document.slice(1, -1), document]);
  });

  it('formats with the editor\'s indentation and keeps the document\'s line ends', () => {
    assert.equal(applyEdits('{"a":1}', formatEdits('{"a":1}', undefined, { tabSize: 4, insertSpaces: true })), '{\n    "a": 1\n}');
    const crlf = '{"a":1,\r\n"b":2}';
    assert.equal(applyEdits(crlf, formatEdits(crlf, undefined, { tabSize: 2, insertSpaces: false })), '{\r\n\t"a": 1,\r\n\t"b": 2\r\n}');
  });
});
