import assert from 'node:assert/strict';
import type { FieldSpec } from '../../src/core/catalog/types';
import { validateWorkflow } from '../../src/core/validate';
import { cachedVerdict, rememberVerdict } from '../../src/core/validate/schemaVerdicts';
import { catalogWithFields } from '../support/catalogChanges';
import { findingRows } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/**
 * What a user reads when a step's value fails its block's schema: which field, what it takes
 * (literal types, allowed values, selectors and their kinds), what was written, and where.
 */

const seen = findingRows;
const withSteps = (...steps: object[]) => workflowText({ steps: [DETECTION_STEP, ...steps] });
const aggregator = (name: string, data: object) => ({ type: 'roboflow_core/data_aggregator@v1', name, data, aggregation_mode: {}, interval: 1 });
const SELECTOR = 'a selector `$inputs.<name>` or `$steps.<step>.<output>`';
const DATA_TAKES = 'a dict of selectors `$inputs.<name>` or `$steps.<step>.<output>` (kind *)';


describe('schema error messages: what a field takes', () => {
  it('lists up to 8 allowed values, and counts more than 8', () => {
    const text = withSteps(
      { type: 'roboflow_core/threshold@v1', name: 't', image: '$inputs.image', threshold_type: 'nope', thresh_value: 1 },
      { type: 'roboflow_core/anthropic_claude@v1', name: 'c', images: '$inputs.image', task_type: 'nope', api_key: 'x' },
    );
    assert.deepEqual(seen(text), [
      [
        'invalid-value',
        'error',
        '`threshold_type` of Image Threshold step `t` takes one of "binary", "binary_inv", "trunc", "tozero", "tozero_inv", "adaptive_mean", "adaptive_gaussian", "otsu", or ' +
          `${SELECTOR} (kind string), not the string "nope".`,
        '"nope"',
      ],
      ['invalid-value', 'error', '`task_type` of Anthropic Claude step `c` takes one of 9 allowed values, not the string "nope".', '"nope"'],
    ]);
  });

  it('says a nullable field takes `null`, and calls an object value an object', () => {
    const calibration = { type: 'roboflow_core/camera-calibration@v1', name: 'cal', image: '$inputs.image', fx: { a: 1 }, fy: 1, cx: 1, cy: 1, k1: 1, k2: 1, k3: 1, p1: 1, p2: 1 };
    const text = withSteps(calibration);
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', `\`fx\` of Camera Calibration step \`cal\` takes a number, or \`null\`, or ${SELECTOR} (kind float), not an object.`, '{\n        "a": 1\n      }'],
    ]);
  });

  it('names every kind a selector may point at, and a list of selectors for a list-only field', () => {
    const text = withSteps({ type: 'roboflow_core/detections_consensus@v1', name: 'cons' });
    assert.deepEqual(seen(text), [
      [
        'missing-required-field',
        'error',
        'Detections Consensus step `cons` is missing required fields `predictions_batches`, `required_votes`. ' +
          '`predictions_batches` takes a list of selectors `$inputs.<name>` or `$steps.<step>.<output>` (kind object_detection_prediction or instance_segmentation_prediction or keypoint_detection_prediction); ' +
          `\`required_votes\` takes an integer, or ${SELECTOR} (kind integer).`,
        '"roboflow_core/detections_consensus@v1"',
      ],
    ]);
  });

  it('names no kind for a selector of steps', () => {
    const text = withSteps({ type: 'roboflow_core/continue_if@v1', name: 'ci', condition_statement: ALWAYS_TRUE });
    assert.deepEqual(seen(text), [
      ['missing-required-field', 'error', 'Continue If step `ci` is missing required field `next_steps`. `next_steps` takes a list of selectors `$steps.<step>`.', '"roboflow_core/continue_if@v1"'],
    ]);
  });

  it('says a single selector where the field also takes one selector beside a container', () => {
    const text = withSteps({ type: 'roboflow_core/asset_library_attributes@v1', name: 'al', source_id: 's', metadata: 5 });
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', `\`metadata\` of Roboflow Asset Library Attributes step \`al\` takes an object, or ${SELECTOR} (kind * or dictionary), not number 5.`, '5'],
    ]);
  });

  describe('fields a live server describes differently', () => {
    const CONTINUE_IF = 'roboflow_core/continue_if@v1';
    const text = () => withSteps({ type: CONTINUE_IF, name: 'ci', condition_statement: ALWAYS_TRUE });
    const takes = (changes: Partial<FieldSpec>) => seen(text(), catalogWithFields(CONTINUE_IF, { next_steps: changes })).map(([, , message]) => message);

    it('joins several containers with "or"', () => {
      assert.deepEqual(takes({ containers: ['list', 'dict'] }), ['Continue If step `ci` is missing required field `next_steps`. `next_steps` takes a list or dict of selectors `$steps.<step>`.']);
    });

    it('says a selector when no container is named', () => {
      assert.deepEqual(takes({ containers: [] }), ['Continue If step `ci` is missing required field `next_steps`. `next_steps` takes a selector `$steps.<step>`.']);
    });

    it('says a value when the field names nothing it takes', () => {
      assert.deepEqual(takes({ selectorTargets: [], containers: [] }), ['Continue If step `ci` is missing required field `next_steps`. `next_steps` takes a value.']);
    });
  });
});

describe('schema error messages: where the error is underlined', () => {
  it('underlines the value under a key holding `/` and `~`, an index past 9, and keys mixing digits and letters', () => {
    const batches = Array<unknown>(11).fill('$steps.det.predictions');
    batches[10] = 5;
    const text = withSteps(
      aggregator('slash', { 'a/b~c': 5 }),
      aggregator('endsInDigit', { x1: 6 }),
      aggregator('startsWithDigit', { '1x': 7 }),
      { type: 'roboflow_core/detections_consensus@v1', name: 'cons', predictions_batches: batches, required_votes: 1 },
    );
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`slash\` takes ${DATA_TAKES}, not an object (at a/b~c).`, '5'],
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`endsInDigit\` takes ${DATA_TAKES}, not an object (at x1).`, '6'],
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`startsWithDigit\` takes ${DATA_TAKES}, not an object (at 1x).`, '7'],
      [
        'invalid-value',
        'error',
        '`predictions_batches` of Detections Consensus step `cons` takes a list of selectors `$inputs.<name>` or `$steps.<step>.<output>` ' +
          '(kind object_detection_prediction or instance_segmentation_prediction or keypoint_detection_prediction), not a list (at 10).',
        '5',
      ],
    ]);
  });

  it('of several errors in one field, reports the one with the longest path, the first of equally long ones', () => {
    const text = withSteps(aggregator('shortFirst', { a: 5, bb: 6 }), aggregator('longFirst', { bb: 7, a: 8 }), aggregator('equal', { a: 1, b: 2 }));
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`shortFirst\` takes ${DATA_TAKES}, not an object (at bb).`, '6'],
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`longFirst\` takes ${DATA_TAKES}, not an object (at bb).`, '7'],
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`equal\` takes ${DATA_TAKES}, not an object (at a).`, '1'],
    ]);
  });

  it('underlines the written copy of a duplicated key when the error lies only in the copy the server reads', () => {
    // The server (and the schema check) read the last `data`; the document lookup finds the first,
    // which has no `bb`: the squiggle falls back to the nearest node that exists.
    const text = withSteps({ ...aggregator('agg', { x: '$steps.det.predictions' }), dupe: 1 }).replace('"dupe": 1', '"data": {\n        "bb": 5\n      }');
    assert.deepEqual(seen(text), [
      ['duplicate-key', 'warning', '`data` is written more than once in this object: the server reads only the last one, and the checks here may read this one. Remove the extra copy.', '"data"'],
      ['invalid-value', 'error', `\`data\` of Data Aggregator step \`agg\` takes ${DATA_TAKES}, not an object (at bb).`, '{\n        "x": "$steps.det.predictions"\n      }'],
    ]);
  });
});

describe('names outside the selector grammar', () => {
  it('says a dot breaks a reference everywhere, and only when the name has one', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'my model' }, { type: 'WorkflowParameter', name: 'a.b' }] });
    assert.deepEqual(seen(text), [
      [
        'unreferenceable-name',
        'warning',
        'Input name "my model" has characters other than letters, digits, `_` and `-`: properties that take only selectors refuse `$inputs.my model`. Rename it with letters, digits, `_` and `-`.',
        '"my model"',
      ],
      [
        'unreferenceable-name',
        'warning',
        'Input name "a.b" has characters other than letters, digits, `_` and `-`: properties that take only selectors refuse `$inputs.a.b`, and the dot breaks it everywhere. Rename it with letters, digits, `_` and `-`.',
        '"a.b"',
      ],
    ]);
  });
});

describe('schema verdicts remembered per catalog', () => {
  const THRESHOLD = 'roboflow_core/threshold@v1';
  const step = (thresholdType: string) => ({ type: THRESHOLD, name: 't', image: '$inputs.image', threshold_type: thresholdType, thresh_value: 1 });
  // A verdict is keyed by the block type and the step's own text.
  const keyOf = (text: string) => {
    const start = text.lastIndexOf('{', text.indexOf(`"type": "${THRESHOLD}"`));
    return `${THRESHOLD}\u0000${text.slice(start, text.indexOf('}', start) + 1)}`;
  };
  const failingPaths = (verdict: ReturnType<typeof cachedVerdict>) => verdict && verdict.map((e) => [e.instancePath, e.keyword]);

  it('gives the same findings for the same text twice, and new findings for a changed value', () => {
    const catalog = freshCatalog();
    const wrong = withSteps(step('nope'));
    const first = seen(wrong, catalog);
    assert.deepEqual(first.map(([code, , , text]) => [code, text]), [['invalid-value', '"nope"']]);
    assert.deepEqual(seen(wrong, catalog), first);
    assert.deepEqual(seen(withSteps(step('otsu')), catalog), []);
    assert.deepEqual(seen(withSteps(step('nope2')), catalog).map(([code, , , text]) => [code, text]), [['invalid-value', '"nope2"']]);
  });

  it('remembers each step verdict for the catalog it was checked with only', () => {
    const catalog = freshCatalog();
    const wrong = withSteps(step('nope'));
    const right = withSteps(step('otsu'));
    validateWorkflow(wrong, catalog);
    validateWorkflow(right, catalog);
    assert.deepEqual(failingPaths(cachedVerdict(catalog, keyOf(wrong))), [['/threshold_type', 'enum'], ['/threshold_type', 'pattern'], ['/threshold_type', 'anyOf']]);
    assert.equal(cachedVerdict(catalog, keyOf(right)), null);
    assert.equal(cachedVerdict(freshCatalog(), keyOf(wrong)), undefined);
    validateWorkflow(withSteps(step('trunc')), catalog, { cache: false });
    assert.equal(cachedVerdict(catalog, keyOf(withSteps(step('trunc')))), undefined);
  });

  it('keeps 20,000 verdicts per catalog, then drops them all for the next one', () => {
    const catalog = freshCatalog();
    for (let i = 0; i < 20_000; i++) rememberVerdict(catalog, `key ${i}`, null);
    assert.deepEqual([cachedVerdict(catalog, 'key 0'), cachedVerdict(catalog, 'key 19999')], [null, null]);
    rememberVerdict(catalog, 'one more', []);
    assert.deepEqual([cachedVerdict(catalog, 'key 0'), cachedVerdict(catalog, 'key 19999'), cachedVerdict(catalog, 'one more')], [undefined, undefined, []]);
  });
});
