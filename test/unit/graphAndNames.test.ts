import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { findingRow, relatedRows, visibleFindings } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/**
 * Execution order (cycles), unique names, repeated keys, flow-control targets named twice, and
 * unused inputs: each finding as the editor shows it, with its related locations.
 */

/** Code, severity, message, underlined text, and each related location's message and underlined text. */
const show = (text: string, f: Finding) => [...findingRow(text, f), relatedRows(text, f)];
const seen = (text: string) => visibleFindings(text).map((f) => show(text, f));

const crop = (extra: object) => ({ type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions', ...extra });
const GATE = { type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: ALWAYS_TRUE, evaluation_parameters: {} };
const LOOP = 'depend on each other in a cycle, so none of them can run first. Remove one of the references that close the loop.';

describe('execution order: steps that depend on each other', () => {
  it('reports a loop through three steps once, at the reference into the first step, and shows the loop\'s other references', () => {
    // `det` feeds the loop from outside: its reference is not part of the loop, so it is not shown.
    const text = workflowText({
      steps: [
        DETECTION_STEP,
        { ...DETECTION_STEP, name: 'a', images: '$steps.c.crops' },
        crop({ name: 'b', predictions: '$steps.a.predictions' }),
        crop({ name: 'c', images: '$steps.b.crops', predictions: '$steps.det.predictions' }),
      ],
      outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.a.predictions' }],
    });
    assert.deepEqual(seen(text), [
      [
        'cycle',
        'error',
        `Steps \`a\` → \`b\` → \`c\` ${LOOP}`,
        '"$steps.c.crops"',
        [
          ['`b` depends on `a` here', '"$steps.a.predictions"'],
          ['`c` depends on `b` here', '"$steps.b.crops"'],
        ],
      ],
    ]);
  });

  it('reports a step that reads its own output once, even when an earlier step leads to it', () => {
    const text = workflowText({ steps: [DETECTION_STEP, crop({ images: '$steps.crop.crops' })], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.crop.crops' }] });
    assert.deepEqual(seen(text), [['cycle', 'error', `Steps \`crop\` ${LOOP}`, '"$steps.crop.crops"', []]]);
  });

  it('reports a flow-control step that continues with the step it reads, at the flow-control target', () => {
    // The gate reads `det` before it names `det` as its next step: the finding still underlines the target.
    const text = workflowText({ steps: [DETECTION_STEP, { ...GATE, evaluation_parameters: { p: '$steps.det.predictions' }, next_steps: ['$steps.det'] }] });
    assert.deepEqual(seen(text), [['cycle', 'error', `Steps \`det\` → \`gate\` ${LOOP}`, '"$steps.det"', [['`gate` depends on `det` here', '"$steps.det.predictions"']]]]);
  });
});

describe('names and keys written twice', () => {
  it('reports a second step of the same name at its name, pointing at the first', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { ...DETECTION_STEP }] });
    assert.deepEqual(seen(text), [
      ['duplicate-name', 'error', 'Another step is already named `det`: step names must be unique within `steps`. Rename one of them.', '"det"', [['First step named `det`', '"det"']]],
    ]);
  });

  it('warns about a key written twice in one step, at the copy the server ignores, pointing at the one it reads', () => {
    const text = workflowText().replace('"model_id": "yolov8n-640"', '"model_id": "yolov8s-640",\n      "model_id": "yolov8n-640"');
    assert.deepEqual(seen(text), [
      [
        'duplicate-key',
        'warning',
        '`model_id` is written more than once in this object: the server reads only the last one, and the checks here may read this one. Remove the extra copy.',
        '"model_id"',
        [['The `model_id` the server reads', '"model_id"']],
      ],
    ]);
  });
});

describe('flow-control targets named twice', () => {
  it('refuses a step named twice in one list of next steps, at the second', () => {
    const text = workflowText({ steps: [DETECTION_STEP, { ...GATE, next_steps: ['$steps.det', '$steps.det'] }] });
    assert.deepEqual(seen(text), [
      [
        'duplicate-flow-target',
        'error',
        'Step `gate` already continues with `det`: each step may be a target once, or the engine cannot tell which branch runs it. Remove this one.',
        '"$steps.det"',
        [['`det` is first named here', '"$steps.det"']],
      ],
    ]);
  });

  it('refuses a Switch Case target named in a case and again as a default, as the block itself does, naming where it came first', () => {
    const text = workflowText({
      inputs: [{ type: 'WorkflowParameter', name: 'v' }],
      steps: [
        { type: 'roboflow_core/switch_case@v1', name: 'switch', value: '$inputs.v', cases: { a: '$steps.det' }, default_next_steps: ['$steps.det'] },
        { ...DETECTION_STEP, images: '$inputs.v' },
      ],
    });
    assert.deepEqual(seen(text), [
      [
        'invalid-value',
        'error',
        'Step `switch` already continues with `det` (in `cases`): each step may be a target once across `cases` and `default_next_steps`. Remove this one.',
        '"$steps.det"',
        [['`det` is first named here', '"$steps.det"']],
      ],
    ]);
  });
});

describe('unused inputs', () => {
  const hints = (text: string) =>
    validateWorkflow(text, freshCatalog())
      .findings.filter((f) => f.severity === 'hint')
      .map((f) => [...show(text, f), f.unnecessary ?? false]);

  it('hints at an input nobody references, and fades it', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'unused' }] });
    assert.deepEqual(hints(text), [['unused-input', 'hint', 'Input `unused` is never used. Reference it as `$inputs.unused` or remove it.', '"unused"', [], true]]);
  });

  it('counts a reference whose `$` is written as a JSON escape as a use', () => {
    const text = workflowText().replace('"images": "$inputs.image"', '"images": "\\u0024inputs.image"');
    assert.deepEqual(hints(text), []);
  });
});
