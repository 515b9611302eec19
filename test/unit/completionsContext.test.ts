import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { Catalog } from '../../src/core/catalog/catalog';
import type { BlockSpec, FieldSpec } from '../../src/core/catalog/types';
import { workflowCompletions } from '../../src/core/language/completions';
import { validateWorkflow } from '../../src/core/validate';
import { after } from '../support/textCursor';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';


function complete(text: string, offset: number, catalog = freshCatalog()) {
  return workflowCompletions(text, offset, catalog, validateWorkflow(text, catalog).model!);
}

function block(type: string, humanName: string, aliases: string[] = [], fields: FieldSpec[] = []): BlockSpec {
  return { type, aliases, humanName, description: `${humanName} does things.`, blockType: 'transformation', fields, outputs: [], dynamicOutputs: false, modelIdFields: [], credentialFields: [], usesRequestApiKey: false };
}

const catalogOf = (...blocks: BlockSpec[]) => new Catalog({ source: 'test', engineVersion: '1.0', blocks, modelAliases: {} });

const OBJECT_DETECTION_TYPES = [
  'roboflow_core/roboflow_object_detection_model@v3',
  'roboflow_core/roboflow_object_detection_model@v2',
  'roboflow_core/roboflow_object_detection_model@v1',
  'ObjectDetectionModel',
  'RoboflowObjectDetectionModel',
];

/** What each item inserts and where. */
const insertions = (items: { insertText: string; range: { offset: number; length: number } }[]) => items.map((i) => [i.insertText, i.range]);

describe('completions: block types wherever the cursor is in a step\'s `type`', () => {
  it('inside a string left open at the end of the line: the bare ids, replacing what is typed', () => {
    const text = '{\n  "steps": [\n    { "name": "s", "type": "obj\n    }\n  ]\n}';
    const offset = after(text, '"obj');
    const items = complete(text, offset);
    assert.deepEqual(items.map((i) => i.label), OBJECT_DETECTION_TYPES);
    assert.deepEqual(insertions(items), OBJECT_DETECTION_TYPES.map((id) => [id, { offset: offset - 3, length: 3 }]));
  });

  it('after a lone opening quote at the end of the document: every bare id, inserted at the cursor', () => {
    const text = '{"steps": [{"type": "';
    const catalog = freshCatalog();
    const items = complete(text, text.length, catalog);
    assert.equal(items.length, catalog.typeIds.length);
    assert.deepEqual(insertions(items), items.map((i) => [i.label, { offset: text.length, length: 0 }]));
  });

  it('inside an empty string: every bare id, inserted between the quotes', () => {
    const text = workflowText({ steps: [{ type: '', name: 's' }] });
    const offset = after(text, '"type": "', 1);
    const catalog = freshCatalog();
    const items = complete(text, offset, catalog);
    assert.equal(items.length, catalog.typeIds.length);
    assert.deepEqual(insertions(items), items.map((i) => [i.label, { offset, length: 0 }]));
  });

  it('before the opening quote, right after the closing one, or after a space: every id in quotes, inserted at the cursor', () => {
    const text = workflowText({ steps: [{ type: 'ab', name: 's' }] }).replace('"type": "ab"', '"type": "ab" ');
    for (const offset of [after(text, '"type": ', 1), after(text, '"ab"'), after(text, '"ab" ')]) {
      const catalog = freshCatalog();
      const items = complete(text, offset, catalog);
      assert.equal(items.length, catalog.typeIds.length, `at ${offset}`);
      assert.deepEqual(insertions(items), items.map((i) => [JSON.stringify(i.label), { offset, length: 0 }]), `at ${offset}`);
    }
  });

  it('on a word typed without quotes near the start of the document: the matching ids in quotes, replacing the word', () => {
    const text = '{"steps": [{"type": obj}], "version": "1.0", "inputs": [], "outputs": []}';
    const offset = after(text, 'obj');
    const items = complete(text, offset);
    assert.deepEqual(items.map((i) => i.label), OBJECT_DETECTION_TYPES);
    assert.deepEqual(insertions(items), OBJECT_DETECTION_TYPES.map((id) => [JSON.stringify(id), { offset: offset - 3, length: 3 }]));
  });
});

describe('completions: values on a literal already written', () => {
  const text = workflowText({ steps: [{ ...DETECTION_STEP, class_agnostic_nms: false }] }).replace('"class_agnostic_nms": false', '"class_agnostic_nms": false ');
  const start = () => after(text, '"class_agnostic_nms": ');
  const offered = (offset: number) => complete(text, offset).map((i) => [i.label, i.insertText, i.range]);

  it('inside `false`: the values holding what is typed before the cursor, replacing the whole literal', () => {
    assert.deepEqual(offered(start() + 2), [['false', 'false', { offset: start(), length: 5 }]]);
  });

  it('at the start of `false`: both values, replacing the literal', () => {
    const literal = { offset: start(), length: 5 };
    assert.deepEqual(offered(start()), [['true', 'true', literal], ['false', 'false', literal]]);
  });

  it('after `false` and a space: both values, inserted at the cursor', () => {
    const cursor = { offset: start() + 6, length: 0 };
    assert.deepEqual(offered(start() + 6), [['true', 'true', cursor], ['false', 'false', cursor]]);
  });
});

describe('completions: property names', () => {
  it('inside a key its colon follows: the name alone, replacing the whole key, the key being typed included', () => {
    // A space before the colon is allowed JSON: the colon still counts.
    for (const text of [workflowText(), workflowText().replace('"model_id":', '"model_id" :')]) {
      const offset = after(text, '"mod');
      const items = complete(text, offset);
      assert.deepEqual([items[0].label, items[0].insertText, items[0].range], ['model_id', '"model_id"', { offset: offset - 4, length: 10 }]);
      assert.ok(items.every((i) => i.insertText === JSON.stringify(i.label)));
      assert.ok(!items.some((i) => i.label === 'images' || i.label === 'name'), 'the other keys written are not offered');
    }
  });

  it('in a new key on the line before another property: name, value and a comma', () => {
    const text = workflowText().replace('"name": "det",', '"name": "det",\n      ""');
    const offset = after(text, '"name": "det",\n      "');
    const items = complete(text, offset);
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.ok(item.insertText.startsWith(`"${item.label}": `) && item.insertText.endsWith(','), item.insertText);
      assert.deepEqual(item.range, { offset: offset - 1, length: 2 });
    }
  });

  it('offers the document\'s own keys not written yet, each with its value', () => {
    const text = '{\n  "version": "1.0",\n  \n}';
    const offset = after(text, '"1.0",\n  ');
    const items = complete(text, offset);
    assert.deepEqual(items.map((i) => [i.label, i.insertText]), [['inputs', '"inputs": [$1]'], ['steps', '"steps": [$1]'], ['outputs', '"outputs": [$1]']]);
    assert.ok(items.every((i) => i.range.offset === offset && i.range.length === 0), 'inserted at the cursor');
  });

  it('offers an input\'s keys and an output\'s keys not written yet', () => {
    const input = workflowText().replace('"name": "image"', '"name": "image",\n      ""');
    assert.deepEqual(complete(input, after(input, '"name": "image",\n      "')).map((i) => i.label), ['kind', 'default_value', 'dimensionality']);
    const output = workflowText().replace('"selector": "$steps.det.predictions"', '"selector": "$steps.det.predictions",\n      ""');
    assert.deepEqual(complete(output, after(output, '"selector": "$steps.det.predictions",\n      "')).map((i) => i.label), ['coordinates_system']);
  });

  it('offers no key inside a dict-valued step property, nor in objects under a section the workflow does not have', () => {
    const gate = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: { dets: '$steps.det.predictions' }, next_steps: [] };
    const dict = workflowText({ steps: [DETECTION_STEP, gate] }).replace('"dets": "$steps.det.predictions"', '"dets": "$steps.det.predictions",\n        ""');
    assert.deepEqual(complete(dict, after(dict, '"dets": "$steps.det.predictions",\n        "')), []);
    const text = `${workflowText().slice(0, -2)},\n  "extra": [{ "" }]\n}`;
    assert.deepEqual(complete(text, after(text, '[{ "')), []);
  });
});

describe('completions: which values each place takes', () => {
  it('offers versions for `version` alone, and as its value, not in a list', () => {
    const text = workflowText();
    assert.deepEqual(complete(text, after(text, '"version": "')).map((i) => i.label), ['1.0', bundledCatalog().engineVersion]);
    assert.deepEqual(complete(text, after(text, '"inputs": ')), []);
    const listed = text.replace('"version": "1.0"', '"version": [""]');
    assert.deepEqual(complete(listed, after(listed, '"version": ["')), []);
  });

  it('offers input types only on an input\'s `type` string and kinds only in its `kind` list', () => {
    const valid = workflowText({ inputs: [{ type: 'WorkflowParameter', name: 'p', kind: ['float_zero'] }] });
    assert.deepEqual(complete(valid, after(valid, '"type": "WorkflowPar')).map((i) => i.label), ['WorkflowParameter']);
    assert.deepEqual(complete(valid, after(valid, '"float_zero')).map((i) => i.label), ['float_zero_to_one']);
    const text = workflowText({ inputs: [{ type: [''], name: '', kind: '' }] });
    assert.deepEqual(complete(text, after(text, '"type": [\n        "')), [], 'a list is not a type');
    assert.deepEqual(complete(text, after(text, '"name": "')), [], 'a name is free text');
    assert.deepEqual(complete(text, after(text, '"kind": "')), [], 'kinds go in a list');
  });

  it('offers neither kinds nor block types in an output', () => {
    const text = workflowText({ outputs: [{ type: '', name: 'p', selector: '$steps.det.predictions', kind: [''] }] });
    assert.deepEqual(complete(text, after(text, '"type": "', 2)), []);
    assert.deepEqual(complete(text, after(text, '"kind": [\n        "')), []);
  });

  it('offers block types only on the `type` string of a step in the `steps` list', () => {
    const listed = workflowText({ steps: [{ type: [''], name: 's' }] });
    assert.deepEqual(complete(listed, after(listed, '"type": [\n        "')), []);
    const keyed = '{"version": "1.0", "inputs": [], "steps": {"s": {"type": ""}}, "outputs": []}';
    assert.deepEqual(complete(keyed, after(keyed, '"type": "')), []);
  });

  it('offers a step property\'s values for the property itself, not for an item of a list it holds nor for an input', () => {
    const text = workflowText({ steps: [{ ...DETECTION_STEP, class_agnostic_nms: [false] }] });
    assert.deepEqual(complete(text, after(text, '[\n        fa')), []);
    // The input at the step's position, with a property named like one of the step's.
    const input = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image', class_agnostic_nms: false }] });
    assert.deepEqual(complete(input, after(input, '"class_agnostic_nms": fa')), []);
  });
});

describe('completions: selectors inside a selector string', () => {
  it('lists what fits first, then what does not, struck through and saying so', () => {
    const crop = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$', predictions: '$steps.det.predictions' };
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'] }], steps: [DETECTION_STEP, crop] });
    const offset = after(text, '"images": "$', 1);
    const range = { offset: offset - 1, length: 1 };
    const selector = (label: string, kind: string, detail: string, index: number, fits: boolean) => ({
      label,
      kind,
      detail: fits ? detail : `${detail} (kind does not fit this field)`,
      sortText: `0000${index}`,
      insertText: label,
      snippet: false,
      range,
      deprecated: fits ? undefined : true,
    });
    assert.deepEqual(complete(text, offset), [
      selector('$inputs.image', 'inputSelector', 'WorkflowImage · image', 0, true),
      selector('$inputs.confidence', 'inputSelector', 'WorkflowParameter · float_zero_to_one', 1, false),
      selector('$steps.det.inference_id', 'stepSelector', 'Object Detection Model · inference_id', 2, false),
      selector('$steps.det.predictions', 'stepSelector', 'Object Detection Model · object_detection_prediction', 3, false),
      selector('$steps.det.model_id', 'stepSelector', 'Object Detection Model · roboflow_model_id', 4, false),
    ]);
  });

  it('in a field taking a value or a selector: its values, then the selectors; once `$` is typed, the selectors alone', () => {
    const mode: FieldSpec = { name: 'mode', required: true, selectorKinds: ['string'], selectorTargets: ['workflow_parameter'], containers: ['single'], literalTypes: ['enum'], enumValues: ['$auto', 'manual'], nullable: false };
    const catalog = catalogOf(block('acme/mode@v1', 'Mode', [], [mode]));
    const text = workflowText({ inputs: [{ type: 'WorkflowParameter', name: 'choice', kind: ['string'] }], steps: [{ type: 'acme/mode@v1', name: 'm', mode: '$a' }] });
    const labels = (offset: number) => complete(text, offset, catalog).map((i) => [i.label, i.sortText]);
    assert.deepEqual(labels(after(text, '"mode": "')), [['$auto', '00000'], ['manual', '00001'], ['$inputs.choice', '00002']]);
    // `$auto` holds the typed `$a`, yet a `$` starts a selector.
    assert.deepEqual(labels(after(text, '"mode": "$a')), [['$inputs.choice', '00000']]);
  });
});

describe('completions: the block type list', () => {
  // Listed out of order on purpose: a family in two versions, two families under one human name,
  // legacy names (aliases) of two blocks.
  const listed = () =>
    catalogOf(
      block('acme/widget@v1', 'Widget', ['WidgetOld', 'AWidget']),
      block('acme/beta@v1', 'Same'),
      block('acme/zzz@v1', 'Apple'),
      block('acme/widget@v2', 'Widget'),
      block('acme/alpha@v1', 'Same'),
      block('acme/aardvark@v3', 'Aardvark', ['OldAardvark']),
    );
  const TYPE_VALUE = '{"steps": [{"type": "';

  it('orders by human name, then family, newest version first; legacy names last, struck through', () => {
    const items = complete(TYPE_VALUE, TYPE_VALUE.length, listed());
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.sortText, i.deprecated]), [
      ['acme/aardvark@v3', 'Aardvark', '00000', undefined],
      ['acme/zzz@v1', 'Apple', '00001', undefined],
      ['acme/alpha@v1', 'Same', '00002', undefined],
      ['acme/beta@v1', 'Same', '00003', undefined],
      ['acme/widget@v2', 'Widget', '00004', undefined],
      ['acme/widget@v1', 'Widget (older version)', '00005', undefined],
      ['OldAardvark', 'Aardvark (legacy name of acme/aardvark@v3)', '00006', true],
      ['AWidget', 'Widget (legacy name of acme/widget@v1)', '00007', true],
      ['WidgetOld', 'Widget (legacy name of acme/widget@v1)', '00008', true],
    ]);
  });

  it('keeps each type\'s place in the whole list when filtered, and matches id and human name in quotes or not', () => {
    const bare = `${TYPE_VALUE}wid"}]}`;
    const inString = complete(bare, after(bare, '"wid'), listed());
    assert.deepEqual(inString[0], {
      label: 'acme/widget@v2',
      kind: 'block',
      detail: 'Widget',
      documentation: '**Widget** · `acme/widget@v2`\n\nWidget does things.',
      sortText: '00004',
      insertText: 'acme/widget@v2',
      snippet: false,
      filterText: 'acme/widget@v2 Widget',
      range: { offset: after(bare, '"wid', 0, 3), length: 3 },
      deprecated: undefined,
    });
    assert.deepEqual(inString.map((i) => [i.label, i.sortText]), [['acme/widget@v2', '00004'], ['acme/widget@v1', '00005'], ['AWidget', '00007'], ['WidgetOld', '00008']]);

    const quoted = '{"steps": [{"type": wid';
    const items = complete(quoted, quoted.length, listed());
    assert.deepEqual(items[0], { ...inString[0], insertText: '"acme/widget@v2"', filterText: '"acme/widget@v2 Widget"', range: { offset: quoted.length - 3, length: 3 } });
  });

  it('finds each typed word anywhere in the id or human name, ignoring case, spaces, `_`, `-` and `/`', () => {
    const catalog = catalogOf(block('acme/object_detection@v1', 'Object Detection'), block('acme/stabilize@v1', 'Detections Stabilizer'), block('acme/other@v1', 'Other'));
    const labels = (typed: string) => {
      const text = `${TYPE_VALUE}${typed}`;
      return complete(text, text.length, catalog).map((i) => i.label);
    };
    assert.deepEqual(labels('ObjectDetection'), ['acme/object_detection@v1']);
    assert.deepEqual(labels('acme-OBJECT/detection'), ['acme/object_detection@v1']);
    assert.deepEqual(labels('detection  stab'), ['acme/stabilize@v1'], 'every word, in any order');
    assert.deepEqual(labels('detection'), ['acme/stabilize@v1', 'acme/object_detection@v1']);
    // Lower case, not upper: `ß` is not the "ss" of "DetectionsStabilizer" (its capital is "SS").
    assert.deepEqual(labels('ß'), []);
  });
});
