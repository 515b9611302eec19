import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { DETECTION_STEP, underlined, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

const catalog = bundledCatalog();
const errors = (text: string): Finding[] => validateWorkflow(text, catalog).findings.filter((f) => f.severity === 'error');
const CROP = { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' };
const CROP_DET = { ...DETECTION_STEP, name: 'crop_det', images: '$steps.crop.crops' };

describe('validator: batches, dimensionality and lineage', () => {
  it('accepts a crop → detect → stitch pipeline (depth 2 back to depth 1)', () => {
    const stitch = { type: 'roboflow_core/detections_stitch@v1', name: 'stitch', reference_image: '$inputs.image', predictions: '$steps.crop_det.predictions', overlap_filtering_strategy: 'none' };
    const text = workflowText({ steps: [DETECTION_STEP, CROP, CROP_DET, stitch], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.stitch.predictions' }] });
    assert.deepEqual(errors(text), []);
  });

  it('reports inputs at different depths on the deeper one', () => {
    const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.crop_det.predictions' };
    const text = workflowText({ steps: [DETECTION_STEP, CROP, CROP_DET, boxes], outputs: [{ type: 'JsonField', name: 'i', selector: '$steps.boxes.image' }] });
    const [finding] = errors(text);
    assert.equal(finding.code, 'dimensionality-mismatch');
    assert.equal(underlined(text, finding), '"$steps.crop_det.predictions"');
    assert.match(finding.message, /one item per input image.*output of `crop`/);
  });

  it('reports stitching predictions that are not one level deeper than the image', () => {
    const stitch = { type: 'roboflow_core/detections_stitch@v1', name: 'stitch', reference_image: '$inputs.image', predictions: '$steps.det.predictions', overlap_filtering_strategy: 'none' };
    const text = workflowText({ steps: [DETECTION_STEP, stitch], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.stitch.predictions' }] });
    const [finding] = errors(text);
    assert.equal(finding.code, 'dimensionality-mismatch');
    assert.match(finding.message, /one level deeper than `reference_image`/);
  });

  it('reports data from two different crops mixed in one step', () => {
    const crop2 = { ...CROP, name: 'crop2' };
    const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$steps.crop2.crops', predictions: '$steps.crop_det.predictions' };
    const text = workflowText({ steps: [DETECTION_STEP, CROP, crop2, CROP_DET, boxes], outputs: [{ type: 'JsonField', name: 'i', selector: '$steps.boxes.image' }] });
    const [finding] = errors(text);
    assert.equal(finding?.code, 'lineage-mismatch');
    assert.equal(underlined(text, finding), '"$steps.crop_det.predictions"');
  });

  it('reports a batch plugged into a single-value property of a model', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowBatchInput', name: 'thresholds' }],
      steps: [{ ...DETECTION_STEP, confidence: '$inputs.thresholds' }],
    });
    const [finding] = errors(text);
    assert.equal(finding.code, 'batch-not-accepted');
    assert.equal(underlined(text, finding), '"$inputs.thresholds"');
  });

  it('accepts workflow parameters anywhere (scalars never conflict)', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'confidence' }],
      steps: [DETECTION_STEP, CROP, { ...CROP_DET, confidence: '$inputs.confidence' }],
      outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.crop_det.predictions' }],
    });
    assert.deepEqual(errors(text), []);
  });

  it('reports a condition on crops gating an image-level step', () => {
    const gate = {
      type: 'roboflow_core/continue_if@v1',
      name: 'gate',
      condition_statement: ALWAYS_TRUE,
      evaluation_parameters: { p: '$steps.crop_det.predictions' },
      next_steps: ['$steps.boxes'],
    };
    const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.det.predictions' };
    const text = workflowText({ steps: [DETECTION_STEP, CROP, CROP_DET, gate, boxes], outputs: [{ type: 'JsonField', name: 'i', selector: '$steps.boxes.image' }] });
    const [finding] = errors(text);
    assert.equal(finding?.code, 'control-flow-lineage');
    assert.equal(underlined(text, finding), '"$steps.boxes"');
    // The same condition at image level is fine.
    assert.deepEqual(errors(text.replace('"p": "$steps.crop_det.predictions"', '"p": "$steps.det.predictions"')), []);
  });
});
