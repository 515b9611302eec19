import assert from 'node:assert/strict';
import type { Catalog } from '../../src/core/catalog/catalog';
import type { BatchSpec, BlockSpec } from '../../src/core/catalog/types';
import { catalogWithBlock, catalogWithBlocks, catalogWithFields } from '../support/catalogChanges';
import { visibleFindings } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, underlined, workflowText } from '../support/workflowText';

/**
 * The engine's verify_output_offset on built-in blocks: the property a block takes its output depth
 * from must be a batch, and offsets a live server lists as 0 change nothing.
 */

const seen = (text: string, catalog = freshCatalog()) => visibleFindings(text, catalog).map((f) => [f.code, f.message, underlined(text, f)]);
const stitch = (extra: object) => ({ type: 'roboflow_core/detections_stitch@v1', name: 'stitch', predictions: '$steps.det.predictions', overlap_filtering_strategy: 'none', ...extra });
const STITCHED = [{ type: 'JsonField', name: 'p', selector: '$steps.stitch.predictions' }];

/** The bundled catalog with the batch specs of some blocks changed, as a live server could describe them. */
function catalogWith(changes: Record<string, Partial<BatchSpec>>): Catalog {
  return catalogWithBlocks(Object.fromEntries(Object.entries(changes).map(([type, batch]) => [type, (b: BlockSpec) => ({ ...b, dimensionality: { ...b.dimensionality!, ...batch } })])));
}

describe('output depth: the reference property and declared offsets of built-in blocks', () => {
  it('names the single value given to the reference property, and underlines it', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'ref' }], steps: [DETECTION_STEP, stitch({ reference_image: '$inputs.ref' })], outputs: STITCHED });
    assert.deepEqual(seen(text), [
      ['dimensionality-mismatch', "`reference_image` of step `stitch` sets how deep the step's outputs are, so it must be a batch (a step output or a batch input), not the single value `$inputs.ref`.", '"$inputs.ref"'],
    ]);
  });

  it('leaves a required reference property that is missing to the missing-field error: the engine stops there', () => {
    const text = workflowText({ steps: [DETECTION_STEP, stitch({})], outputs: STITCHED });
    assert.deepEqual(seen(text), [
      ['missing-required-field', 'Detections Stitch step `stitch` is missing required field `reference_image`. `reference_image` takes a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind image).', '"roboflow_core/detections_stitch@v1"'],
    ]);
  });

  it('leaves a collapse missing its required data to the missing-field error: the engine stops there', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse' }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.collapse.output' }] });
    assert.deepEqual(seen(text), [
      ['missing-required-field', 'Dimension Collapse step `collapse` is missing required field `data`. `data` takes a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind *).', '"roboflow_core/dimension_collapse@v1"'],
    ]);
  });

  it('leaves a collapse given a literal where it takes only selectors to the invalid-value error', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse', data: 5 }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.collapse.output' }] });
    assert.deepEqual(seen(text), [['invalid-value', '`data` of Dimension Collapse step `collapse` takes a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind *), not number 5.', '5']]);
  });

  it('leaves a collapse missing its data to the missing-field error, whatever other fields its block has', () => {
    const catalog = catalogWithBlock('roboflow_core/dimension_collapse@v1', (b) => ({ ...b, fields: [...b.fields, { ...b.fields[0], name: 'note', required: false, selectorKinds: [], selectorTargets: [], containers: [], literalTypes: ['string'] }] }));
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse' }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.collapse.output' }] });
    assert.deepEqual(seen(text, catalog).map(([code]) => code), ['missing-required-field']);
  });

  it('leaves a literal written under any spelling of an optional selector-only field to the value error', () => {
    // `data` made optional and given a second spelling: a literal under either spelling is the error, not "nothing to collapse".
    const catalog = catalogWithFields('roboflow_core/dimension_collapse@v1', { data: { required: false, aliases: ['values'] } });
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'roboflow_core/dimension_collapse@v1', name: 'collapse', data: 5 }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.collapse.output' }] });
    assert.deepEqual(seen(text, catalog).map(([code]) => code), ['invalid-value']);
  });

  it('says a collapse of a workflow parameter under its alias spelling has no batch to collapse, once the field takes steps too', () => {
    const catalog = catalogWithFields('roboflow_core/dimension_collapse@v1', { data: { aliases: ['values'], selectorTargets: ['step', 'any_data'] } });
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'p' }], steps: [{ type: 'roboflow_core/dimension_collapse@v1', name: 'collapse', values: '$inputs.p' }], outputs: [] });
    assert.deepEqual(seen(text, catalog), [
      ['dimensionality-mismatch', 'Step `collapse` collapses a level of batches, but gets no batch at all: there is nothing to collapse. Feed it a step output or a batch input.', '"roboflow_core/dimension_collapse@v1"'],
    ]);
  });

  it('leaves a reference property written as a literal it does not take to the invalid-value error', () => {
    const text = workflowText({ steps: [DETECTION_STEP, stitch({ reference_image: 'https://example.com/a.jpg' })], outputs: STITCHED });
    assert.deepEqual(seen(text).map(([code]) => code), ['invalid-value']);
  });

  it('says a reference property written as a literal it takes must be a batch, and underlines the literal', () => {
    const catalog = catalogWith({ 'roboflow_core/detections_stitch@v1': { referenceProperty: 'iou_threshold', inputOffsets: {} } });
    const text = workflowText({ steps: [DETECTION_STEP, stitch({ reference_image: '$inputs.image', iou_threshold: 0.5 })], outputs: STITCHED });
    assert.deepEqual(seen(text, catalog), [
      ['dimensionality-mismatch', "`iou_threshold` of step `stitch` sets how deep the step's outputs are, so it must be a batch (a step output or a batch input).", '0.5'],
    ]);
  });

  it('says an optional reference property left out must be a batch, at the step type', () => {
    const catalog = catalogWith({ 'roboflow_core/detections_stitch@v1': { referenceProperty: 'iou_threshold', inputOffsets: {} } });
    const text = workflowText({ steps: [DETECTION_STEP, stitch({ reference_image: '$inputs.image' })], outputs: STITCHED });
    assert.deepEqual(seen(text, catalog), [
      ['dimensionality-mismatch', "`iou_threshold` of step `stitch` sets how deep the step's outputs are, so it must be a batch (a step output or a batch input).", '"roboflow_core/detections_stitch@v1"'],
    ]);
  });

  it('accepts offsets listed as 0: with a reference and outputs one level deeper, or with no reference at all', () => {
    const catalog = catalogWith({
      'roboflow_core/dynamic_crop@v1': { inputOffsets: { images: 0 }, referenceProperty: 'images' },
      'roboflow_core/bounding_box_visualization@v1': { inputOffsets: { image: 0 } },
    });
    const crop = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' };
    const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.det.predictions' };
    const text = workflowText({ steps: [DETECTION_STEP, crop, boxes], outputs: [{ type: 'JsonField', name: 'c', selector: '$steps.crop.crops' }, { type: 'JsonField', name: 'b', selector: '$steps.boxes.image' }] });
    assert.deepEqual(seen(text, catalog), []);
  });
});
