import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { Catalog } from '../../src/core/catalog/catalog';
import type { BlockSpec, FieldSpec, OutputSpec } from '../../src/core/catalog/types';
import { workflowCompletions } from '../../src/core/language/completions';
import { stepPropertyCompletions } from '../../src/core/language/propertyCompletions';
import { fieldValueCompletions } from '../../src/core/language/valueCompletions';
import { valueSnippet } from '../../src/core/language/valueSnippets';
import { validateWorkflow } from '../../src/core/validate';
import { after, slice } from '../support/textCursor';
import { workflowText } from '../support/workflowText';

const catalog = bundledCatalog();

function completionsAt(text: string, offset: number, cat: Catalog = catalog) {
  return workflowCompletions(text, offset, cat, validateWorkflow(text, cat).model!);
}

const realField = (block: string, name: string) => catalog.field(catalog.block(block)!, name)!;

/** A field as a server or a custom block could declare it: only what a test sets differs from "takes nothing". */
const field = (name: string, more: Partial<FieldSpec> = {}): FieldSpec => ({ name, required: false, selectorKinds: [], selectorTargets: [], containers: [], literalTypes: [], nullable: false, ...more });

const block = (type: string, fields: FieldSpec[], outputs: OutputSpec[] = []): BlockSpec => ({
  type, aliases: [], humanName: type, description: '', blockType: 'transformation', fields, outputs,
  dynamicOutputs: false, modelIdFields: [], credentialFields: [], usesRequestApiKey: false,
});

// A catalog of its own per test: kinds are listed once per catalog, so a shared one would answer from before.
const catalogOf = (engineVersion: string, blocks: BlockSpec[] = []) => new Catalog({ source: 'test', engineVersion, blocks, modelAliases: {} });

const step = (type: string, props: Record<string, unknown> = {}) => ({ type, name: 'det', ...props });

describe('completions: values of a step property', () => {
  it('offers a boolean field\'s `true` then `false` as JSON, its default marked, replacing the literal', () => {
    const text = workflowText({ steps: [step('roboflow_core/roboflow_object_detection_model@v2', { class_agnostic_nms: true })] });
    const offset = after(text, '"class_agnostic_nms": ');
    const range = { offset, length: 4 };
    assert.deepEqual(completionsAt(text, offset), [
      { label: 'true', kind: 'value', detail: undefined, documentation: undefined, sortText: '00000', insertText: 'true', snippet: false, filterText: 'true', range, deprecated: undefined },
      { label: 'false', kind: 'value', detail: 'default', documentation: undefined, sortText: '00001', insertText: 'false', snippet: false, filterText: 'false', range, deprecated: undefined },
    ]);
  });

  it('offers only selectors inside a boolean field\'s string: `true`/`false` would not be booleans there', () => {
    const text = workflowText({ steps: [step('roboflow_core/roboflow_object_detection_model@v2', { class_agnostic_nms: '' })] });
    assert.deepEqual(completionsAt(text, after(text, '"class_agnostic_nms": "')).map((i) => i.label), ['$inputs.image']);
  });

  it('offers enum values quoted outside a string, bare inside one, matching what is typed', () => {
    const outside = workflowText({ steps: [step('roboflow_core/line_counter@v1', { triggering_anchor: 'x' })] }).replace('"x"', 'C');
    const typed = completionsAt(outside, after(outside, '"triggering_anchor": C'));
    assert.deepEqual(typed.map((i) => [i.label, i.insertText, i.detail]), [
      ['CENTER', '"CENTER"', 'default'],
      ['CENTER_LEFT', '"CENTER_LEFT"', undefined],
      ['CENTER_RIGHT', '"CENTER_RIGHT"', undefined],
      ['TOP_CENTER', '"TOP_CENTER"', undefined],
      ['BOTTOM_CENTER', '"BOTTOM_CENTER"', undefined],
      ['CENTER_OF_MASS', '"CENTER_OF_MASS"', undefined],
    ]);
    assert.equal(slice(outside, typed[0].range), 'C');

    const inside = workflowText({ steps: [step('roboflow_core/line_counter@v1', { triggering_anchor: 'CENTER_' })] });
    const values = completionsAt(inside, after(inside, '"CENTER_')).filter((i) => i.kind === 'value');
    assert.deepEqual(values.map((i) => [i.label, i.insertText, i.filterText]), [
      ['CENTER_LEFT', 'CENTER_LEFT', 'CENTER_LEFT'],
      ['CENTER_RIGHT', 'CENTER_RIGHT', 'CENTER_RIGHT'],
      ['CENTER_OF_MASS', 'CENTER_OF_MASS', 'CENTER_OF_MASS'],
    ]);
    assert.equal(slice(inside, values[0].range), 'CENTER_');
  });

  it('offers no values for a field that takes any number', () => {
    const text = workflowText({ steps: [step('roboflow_core/roboflow_object_detection_model@v2', { confidence: 0.5 })] });
    assert.deepEqual(completionsAt(text, after(text, '"confidence": ')), []);
  });

  it('offers an enum\'s values then `true`/`false` for a field that takes either, the default marked once', () => {
    const either = field('mode', { literalTypes: ['enum', 'boolean'], enumValues: ['auto', null], default: true });
    const site = { range: { offset: 7, length: 0 }, inString: false, typed: '' };
    assert.deepEqual(fieldValueCompletions(either, site).map((i) => [i.label, i.insertText, i.detail]), [
      ['auto', '"auto"', undefined],
      ['null', 'null', undefined],
      ['true', 'true', 'default'],
      ['false', 'false', undefined],
    ]);
    assert.deepEqual(fieldValueCompletions(either, { ...site, inString: true }).map((i) => i.label), ['auto']);
  });
});

describe('completions: input types, kinds and the version', () => {
  it('offers every input type, the deprecated ones struck through and saying so', () => {
    const text = workflowText({ inputs: [{ type: '', name: 'image' }] });
    const items = completionsAt(text, after(text, '"type": "'));
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.deprecated, i.kind]), [
      ['WorkflowImage', undefined, undefined, 'inputType'],
      ['WorkflowParameter', undefined, undefined, 'inputType'],
      ['WorkflowBatchInput', undefined, undefined, 'inputType'],
      ['WorkflowVideoMetadata', 'deprecated', true, 'inputType'],
      ['InferenceImage', 'deprecated', true, 'inputType'],
      ['InferenceParameter', 'deprecated', true, 'inputType'],
    ]);
    assert.equal(items[4].documentation, 'Legacy name of `WorkflowImage`.');
  });

  it('offers every kind the catalog\'s blocks take or return, once each, alphabetically, `*` last', () => {
    const cat = catalogOf('1.4.0', [
      block('a/first@v1', [field('x', { selectorKinds: ['string', '*'] }), field('y', { selectorKinds: ['image', 'string'] })], [{ name: 'out', kinds: ['zone'] }]),
      block('a/second@v1', [field('z', { selectorKinds: ['boolean'] })], [{ name: 'out', kinds: ['*', 'float'] }]),
    ]);
    const text = workflowText({ inputs: [{ type: 'WorkflowParameter', name: 'p', kind: [''] }], steps: [], outputs: [] });
    const items = completionsAt(text, after(text, '"kind": [\n        "'), cat);
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.insertText]), [
      ['boolean', undefined, 'boolean'],
      ['float', undefined, 'float'],
      ['image', undefined, 'image'],
      ['string', undefined, 'string'],
      ['zone', undefined, 'zone'],
      ['*', 'any kind', '*'],
    ]);
  });

  it('offers `1.0` and the catalog\'s engine version for `version`, saying what each asks of the server', () => {
    const text = workflowText({ version: '' });
    const offset = after(text, '"version": "');
    const range = { offset, length: 0 };
    assert.deepEqual(completionsAt(text, offset, catalogOf('1.4.0')), [
      { label: '1.0', kind: 'version', detail: 'any Execution Engine 1.x', documentation: 'The server picks its engine if it satisfies `>=1.0,<2`.', sortText: '00000', insertText: '1.0', snippet: false, filterText: '1.0', range, deprecated: undefined },
      { label: '1.4.0', kind: 'version', detail: 'the catalog\'s engine', documentation: 'Refused by servers whose engine is older than 1.4.0.', sortText: '00001', insertText: '1.4.0', snippet: false, filterText: '1.4.0', range, deprecated: undefined },
    ]);
  });

  it('offers `1.0` once when the catalog names no other engine version', () => {
    const text = workflowText({ version: '' });
    const offset = after(text, '"version": "');
    assert.deepEqual(completionsAt(text, offset, catalogOf('1.0')).map((i) => i.label), ['1.0']);
    assert.deepEqual(completionsAt(text, offset, catalogOf('')).map((i) => i.label), ['1.0']);
  });
});

describe('completions: property names and the value each brings', () => {
  // A continue_if step missing its name: the `""` key being typed.
  const gate = () => workflowText({ steps: [{ type: 'roboflow_core/continue_if@v1', '': '' }] }).replace('"": ""', '""');

  it('offers a step\'s missing `name`, then its required fields, then the optional ones, each with a value of its shape', () => {
    const text = gate();
    const offset = after(text, '""', 0, 1);
    const items = completionsAt(text, offset);
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.insertText, i.sortText]), [
      ['name', 'required', '"name": "$1"', '00000'],
      ['condition_statement', 'required', '"condition_statement": { "type": "StatementGroup"$0 }', '00001'],
      ['next_steps', 'required', '"next_steps": ["\\$$1"]', '00002'],
      ['evaluation_parameters', 'optional', '"evaluation_parameters": {$1}', '00003'],
      ['stop_delay', 'optional', '"stop_delay": ${1:0}', '00004'],
    ]);
    assert.equal(items[0].documentation, 'The step name, referenced as `$steps.<name>.<output>`.');
    assert.deepEqual(items.map((i) => [i.kind, i.snippet, i.filterText]), items.map((i) => ['property', true, `"${i.label}"`]));
    assert.deepEqual(items[0].range, { offset: offset - 1, length: 2 });
  });

  it('ends each insertion with a comma when another property follows without one', () => {
    const text = gate().replace('""', '""\n      "stop_delay": 5');
    const byLabel = new Map(completionsAt(text, after(text, '""', 0, 1)).map((i) => [i.label, i.insertText]));
    assert.equal(byLabel.get('name'), '"name": "$1",');
    assert.equal(byLabel.get('next_steps'), '"next_steps": ["\\$$1"],');
  });

  it('inserts only the name when the `:` is already there', () => {
    const text = workflowText({ steps: [{ type: 'roboflow_core/continue_if@v1', name: 'gate', stop_delay: 5 }] }).replace('"stop_delay"', '"stop"');
    const items = completionsAt(text, after(text, '"stop'));
    assert.deepEqual(items.map((i) => i.insertText), ['"condition_statement"', '"next_steps"', '"evaluation_parameters"', '"stop_delay"']);
    assert.equal(slice(text, items[0].range), '"stop"');
  });

  it('offers `type` (and `name`) on a step without them, and nothing of a block it cannot know yet', () => {
    const text = workflowText({ steps: [{ name: 'x', '': '' }] }).replace('"": ""', '""');
    const items = completionsAt(text, after(text, '""', 0, 1));
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.insertText, i.documentation]), [
      ['type', 'required', '"type": "$1"', 'The block type, e.g. `roboflow_core/roboflow_object_detection_model@v2`.'],
    ]);
    const site = { range: { offset: 0, length: 0 }, withValue: true, needsComma: false };
    assert.deepEqual(stepPropertyCompletions(undefined, new Set(), site).map((i) => i.label), ['name', 'type']);
  });

  it('does not offer a block\'s own `name` or `type` field a second time', () => {
    const custom = block('custom/own_names@v1', [field('type', { literalTypes: ['string'] }), field('name', { literalTypes: ['string'] }), field('threshold', { literalTypes: ['number'] })]);
    const site = { range: { offset: 0, length: 0 }, withValue: true, needsComma: false };
    assert.deepEqual(stepPropertyCompletions(custom, new Set(), site).map((i) => i.label), ['name', 'type', 'threshold']);
    assert.deepEqual(stepPropertyCompletions(custom, new Set(['name']), site).map((i) => i.label), ['type', 'threshold']);
  });

  it('does not offer a field already written under its name or any of its aliases', () => {
    const aliased = block('custom/aliased@v1', [field('images', { aliases: ['image', 'picture'] }), field('mask', { aliases: [] })]);
    const site = { range: { offset: 0, length: 0 }, withValue: false, needsComma: false };
    const labels = (written: string[]) => stepPropertyCompletions(aliased, new Set(['name', 'type', ...written]), site).map((i) => i.label);
    assert.deepEqual(labels([]), ['images', 'mask']);
    assert.deepEqual(labels(['images']), ['mask']);
    assert.deepEqual(labels(['image']), ['mask']);
    assert.deepEqual(labels(['picture']), ['mask']);
  });

  it('offers the document\'s missing top-level keys, in order, each with its value', () => {
    const root = '{\n  ""\n}';
    const items = completionsAt(root, after(root, '""', 0, 1));
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.insertText, i.sortText]), [
      ['version', 'required', '"version": "${1:1.0}"', '00000'],
      ['inputs', 'required', '"inputs": [$1]', '00001'],
      ['steps', 'required', '"steps": [$1]', '00002'],
      ['outputs', 'required', '"outputs": [$1]', '00003'],
    ]);
    assert.equal(items[0].documentation, 'Execution Engine version the workflow targets, e.g. `"1.0"` (any 1.x engine).');
    const some = '{\n  "version": "1.0",\n  "steps": [],\n  ""\n}';
    assert.deepEqual(completionsAt(some, after(some, '""', 0, 1)).map((i) => [i.label, i.sortText]), [['inputs', '00000'], ['outputs', '00001']]);
  });

  it('offers an input\'s and an output\'s missing keys', () => {
    const input = workflowText().replace('"name": "image"', '"name": "image",\n      ""');
    assert.deepEqual(completionsAt(input, after(input, '""', 0, 1)).map((i) => [i.label, i.detail, i.insertText, i.documentation]), [
      ['kind', 'optional', '"kind": [$1]', 'Kinds of value this input carries (defaults to the type\'s).'],
      ['default_value', 'optional', '"default_value": $1', 'Used when a run does not send a value (`WorkflowParameter`).'],
      ['dimensionality', 'optional', '"dimensionality": ${1:1}', 'Batch nesting: 1 for batch inputs, 0 for parameters.'],
    ]);
    const output = workflowText({ outputs: [{ type: 'JsonField', '': '' }] }).replace('"": ""', '""');
    assert.deepEqual(completionsAt(output, after(output, '""', 0, 1)).map((i) => [i.label, i.detail, i.insertText]), [
      ['name', 'required', '"name": "$1"'],
      ['selector', 'required', '"selector": "\\$$1"'],
      ['coordinates_system', 'optional', '"coordinates_system": "${1|parent,own|}"'],
    ]);
  });
});

describe('value snippets of a new property', () => {
  it('offers string enum values as one choice in quotes: default first, `null` left out, snippet and JSON escapes kept', () => {
    const values = ['low', null, 'a,b', 'c|d', 'say "hi"', 'back\\slash', 'high'];
    assert.equal(valueSnippet(field('level', { literalTypes: ['enum'], enumValues: values, default: 'high' })), '"${1|high,low,a\\,b,c\\|d,say \\\\"hi\\\\",back\\\\\\\\slash|}"');
    assert.equal(valueSnippet(realField('roboflow_core/google_gemini@v2', 'thinking_level')), '"${1|low,high|}"');
    // A default that is not among the values is not offered.
    assert.equal(valueSnippet(field('level', { literalTypes: ['enum'], enumValues: ['a', 'b'], default: 'z' })), '"${1|a,b|}"');
  });

  it('offers other enum values as JSON, and falls back to the type when only `null` is left', () => {
    assert.equal(valueSnippet(field('n', { literalTypes: ['enum'], enumValues: [1, 2, 3], default: 2 })), '${1|2,1,3|}');
    assert.equal(valueSnippet(field('n', { literalTypes: ['enum'], enumValues: ['auto', 0.5] })), '${1|"auto",0.5|}');
    assert.equal(valueSnippet(field('n', { literalTypes: ['enum', 'string'], enumValues: [null] })), '"$1"');
  });

  it('offers `true`/`false` with the default first', () => {
    assert.equal(valueSnippet(realField('roboflow_core/anomaly_detection_model@v1', 'include_anomaly_map')), '${1|true,false|}');
    assert.equal(valueSnippet(realField('roboflow_core/roboflow_object_detection_model@v2', 'class_agnostic_nms')), '${1|false,true|}');
    assert.equal(valueSnippet(realField('roboflow_core/anthropic_claude@v2', 'extended_thinking')), '${1|true,false|}');
  });

  it('starts numbers at their default or 0', () => {
    assert.equal(valueSnippet(realField('roboflow_core/absolute_static_crop@v1', 'x_center')), '${1:0}');
    assert.equal(valueSnippet(realField('roboflow_core/anthropic_claude@v1', 'max_tokens')), '${1:450}');
    assert.equal(valueSnippet(realField('roboflow_core/anomaly_heatmap_visualization@v1', 'anomaly_threshold')), '${1:0}');
  });

  it('starts strings at their default, escaped for the snippet, or empty', () => {
    assert.equal(valueSnippet(realField('roboflow_core/anthropic_claude@v3', 'api_key')), '"${1:rf_key:account}"');
    assert.equal(valueSnippet(realField('roboflow_core/anthropic_claude@v1', 'prompt')), '"$1"');
    assert.equal(valueSnippet(field('s', { literalTypes: ['string'], default: 'a$b}c\\d' })), '"${1:a\\$b\\}c\\\\d}"');
  });

  it('starts a field that takes only selectors at `"$"`, in a list or a dict as the field holds them', () => {
    assert.equal(valueSnippet(realField('roboflow_core/dynamic_crop@v1', 'images')), '"\\$$1"');
    assert.equal(valueSnippet(realField('roboflow_core/continue_if@v1', 'next_steps')), '["\\$$1"]');
    assert.equal(valueSnippet(realField('roboflow_core/continue_if@v1', 'evaluation_parameters')), '{$1}');
  });

  it('offers `[]` for arrays (before objects), `{}` for objects', () => {
    assert.equal(valueSnippet(realField('roboflow_core/postgresql_sink@v1', 'data')), '[$1]');
    assert.equal(valueSnippet(realField('roboflow_core/continue_if@v1', 'condition_statement')), '{$1}');
  });

  it('starts a field of any type at its default as JSON, or at `""`', () => {
    assert.equal(valueSnippet(field('v', { literalTypes: ['any'], default: { a: '$x}' } })), '${1:{"a":"\\$x\\}"\\}}');
    assert.equal(valueSnippet(realField('roboflow_core/first_non_empty_or_default@v1', 'default')), '"$1"');
    assert.equal(valueSnippet(field('v', { literalTypes: ['any'] })), '"$1"');
  });
});
