import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { buildWorkflowModel, firstByName } from '../../src/core/model/workflow';
import { parseJson } from '../../src/core/parse/parseJson';

/** The located model every check reads: what it takes from each input, step and output, exactly. */

function modelOf(document: unknown) {
  const text = JSON.stringify(document);
  const { root } = parseJson(text);
  assert.ok(root);
  return { text, model: buildWorkflowModel(root, bundledCatalog()) };
}

const textOf = (text: string, node: { offset: number; length: number } | undefined) => (node ? text.slice(node.offset, node.offset + node.length) : undefined);

describe('workflow model', () => {
  it('reads each input: type, name, kinds (declared, by name object, or the type\'s default), dimensionality and default', () => {
    const { text, model } = modelOf({
      version: '1.0',
      inputs: [
        { type: 'WorkflowImage', name: 'image' },
        { type: 'InferenceImage', name: 'legacy' },
        { type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'], default_value: 0.4 },
        { type: 'WorkflowParameter', name: 'mixed', kind: ['string', { name: 'integer' }, 7, { other: 'x' }, null] },
        { type: 'WorkflowParameter', name: 'none', kind: [] },
        { type: 'WorkflowBatchInput', name: 'batch', dimensionality: 2 },
        { type: 'WorkflowVideoMetadata', name: 'video' },
        { type: 'NotAType', name: 'odd', kind: 'string', default_value: { a: [1] } },
        { name: 7 },
      ],
      steps: [],
      outputs: [],
    });
    assert.deepEqual(
      model.inputs.map(({ index, type, name, kinds, dimensionality, defaultValue }) => ({ index, type, name, kinds, dimensionality, defaultValue })),
      [
        { index: 0, type: 'WorkflowImage', name: 'image', kinds: ['image'], dimensionality: 1, defaultValue: undefined },
        { index: 1, type: 'InferenceImage', name: 'legacy', kinds: ['image'], dimensionality: 1, defaultValue: undefined },
        { index: 2, type: 'WorkflowParameter', name: 'confidence', kinds: ['float_zero_to_one'], dimensionality: 0, defaultValue: 0.4 },
        { index: 3, type: 'WorkflowParameter', name: 'mixed', kinds: ['string', 'integer'], dimensionality: 0, defaultValue: undefined },
        { index: 4, type: 'WorkflowParameter', name: 'none', kinds: [], dimensionality: 0, defaultValue: undefined },
        { index: 5, type: 'WorkflowBatchInput', name: 'batch', kinds: ['*'], dimensionality: 2, defaultValue: undefined },
        { index: 6, type: 'WorkflowVideoMetadata', name: 'video', kinds: ['video_metadata'], dimensionality: 1, defaultValue: undefined },
        { index: 7, type: 'NotAType', name: 'odd', kinds: ['*'], dimensionality: 0, defaultValue: Object.assign(Object.create(null), { a: [1] }) },
        { index: 8, type: undefined, name: undefined, kinds: ['*'], dimensionality: 0, defaultValue: undefined },
      ],
    );
    const confidence = model.inputs[2];
    assert.equal(textOf(text, confidence.typeNode), '"WorkflowParameter"');
    assert.equal(textOf(text, confidence.nameNode), '"confidence"');
    assert.equal(textOf(text, confidence.kindNode), '["float_zero_to_one"]');
    assert.equal(textOf(text, confidence.defaultNode), '0.4');
    assert.equal(textOf(text, confidence.node), JSON.stringify({ type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'], default_value: 0.4 }));
    assert.equal(textOf(text, model.inputs[8].nameNode), '7', 'a name that is not a string keeps its node');
    assert.equal(model.inputs[0].kindNode, undefined);
  });

  it('reads steps with their catalog block, and outputs with their selectors', () => {
    const { text, model } = modelOf({
      version: '1.0',
      inputs: [],
      steps: [
        { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det' },
        { type: 'roboflow_core/not_a_block@v1', name: 'odd' },
        { name: 'untyped' },
        'not an object',
      ],
      outputs: [{ type: 'JsonField', name: 'predictions', selector: '$steps.det.predictions' }, { name: 'broken', selector: 5 }],
    });
    assert.deepEqual(
      model.steps.map(({ index, type, name, block }) => ({ index, type, name, block: block?.type })),
      [
        { index: 0, type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', block: 'roboflow_core/roboflow_object_detection_model@v2' },
        { index: 1, type: 'roboflow_core/not_a_block@v1', name: 'odd', block: undefined },
        { index: 2, type: undefined, name: 'untyped', block: undefined },
        { index: 3, type: undefined, name: undefined, block: undefined },
      ],
    );
    assert.equal(textOf(text, model.steps[0].typeNode), '"roboflow_core/roboflow_object_detection_model@v2"');
    assert.equal(textOf(text, model.steps[0].nameNode), '"det"');
    assert.deepEqual(
      model.outputs.map(({ index, name, selector }) => ({ index, name, selector })),
      [
        { index: 0, name: 'predictions', selector: '$steps.det.predictions' },
        { index: 1, name: 'broken', selector: undefined },
      ],
    );
    assert.equal(textOf(text, model.outputs[0].selectorNode), '"$steps.det.predictions"');
    assert.equal(textOf(text, model.outputs[1].selectorNode), '5');
    assert.equal(textOf(text, model.versionNode), '"1.0"');
    assert.equal(textOf(text, model.stepsNode)?.startsWith('[{"type"'), true);
  });

  it('treats sections that are not lists as empty, and keeps their nodes', () => {
    const { text, model } = modelOf({ version: 1, inputs: { name: 'x' }, steps: 'none', outputs: null });
    assert.deepEqual([model.inputs, model.steps, model.outputs], [[], [], []]);
    assert.equal(textOf(text, model.inputsNode), '{"name":"x"}');
    assert.equal(textOf(text, model.stepsNode), '"none"');
    assert.equal(textOf(text, model.outputsNode), 'null');
    assert.equal(textOf(text, model.versionNode), '1');
    const empty = modelOf({});
    assert.deepEqual([empty.model.versionNode, empty.model.inputsNode, empty.model.stepsNode, empty.model.outputsNode], [undefined, undefined, undefined, undefined]);
  });

  it('looks names up first-declared-wins, skipping the unnamed', () => {
    const items = [{ name: 'a', n: 1 }, { n: 2 }, { name: 'b', n: 3 }, { name: 'a', n: 4 }];
    const byName = firstByName(items);
    assert.deepEqual([...byName.entries()].map(([name, item]) => [name, item.n]), [['a', 1], ['b', 3]]);
  });
});
