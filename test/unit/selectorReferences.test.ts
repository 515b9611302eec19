import assert from 'node:assert/strict';
import { catalogWithBlock, catalogWithFields } from '../support/catalogChanges';
import { findingRow, relatedRows, visibleFindings } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { applyFix, DETECTION_STEP, workflowText } from '../support/workflowText';
import { ALWAYS_TRUE } from '../support/conditions';

/**
 * Selectors in step properties and outputs: what each one may point at, and what the user is told
 * (message, squiggle, related locations, quick fixes) when it points nowhere or at the wrong thing.
 */

const DETECTION = 'roboflow_core/roboflow_object_detection_model@v2';
const findingsOf = visibleFindings;
const seen = (text: string, catalog = freshCatalog()) => findingsOf(text, catalog).map((f) => [...findingRow(text, f), relatedRows(text, f)]);
const detection = (extra: object) => ({ ...DETECTION_STEP, ...extra });
const unnamedDetection = (extra: object) => {
  const { name: _name, ...rest } = DETECTION_STEP;
  return { ...rest, ...extra };
};
const continueIf = (nextSteps: unknown, evaluationParameters: unknown = {}) => ({
  type: 'roboflow_core/continue_if@v1',
  name: 'c',
  condition_statement: ALWAYS_TRUE,
  evaluation_parameters: evaluationParameters,
  next_steps: nextSteps,
});
const expression = (data: object) => ({ type: 'roboflow_core/expression@v1', name: 'e', data, switch: { type: 'CasesDefinition', cases: [], default: { type: 'StaticCaseResult', value: 1 } } });
const consensus = (extra: object) => ({ type: 'roboflow_core/detections_consensus@v1', name: 'k', predictions_batches: ['$steps.det.predictions'], required_votes: 1, ...extra });
const output = (selector: string) => ({ type: 'JsonField', name: 'o', selector });
const NO_NAME_STEP = ['missing-property', 'error', 'This step has no `name`. Add `"name": "<unique name>"`: other steps and outputs reference it as `$steps.<name>`.'];
const DETECTION_OUTPUTS = '`inference_id`, `predictions`, `model_id`';

describe('selector references: unknown inputs', () => {
  it('names the missing input, underlines its name, and offers the nearest input as a fix', () => {
    const text = workflowText({ steps: [detection({ images: '$inputs.imag' })] });
    const findings = findingsOf(text);
    assert.deepEqual(seen(text), [['unknown-input', 'error', '`images` of step `det` references `$inputs.imag`, but there is no input named `imag`. Did you mean `$inputs.image`?', 'imag', []]]);
    assert.deepEqual(findings[0].fixes?.map((f) => f.title), ['Change to image']);
    assert.equal(applyFix(text, findings[0]), workflowText({ steps: [DETECTION_STEP] }));
  });

  it('asks to declare an input with no near name, and offers no fix', () => {
    const text = workflowText({ steps: [detection({ images: '$inputs.zzz' })] });
    assert.deepEqual(seen(text), [['unknown-input', 'error', '`images` of step `det` references `$inputs.zzz`, but there is no input named `zzz`. Declare it under `inputs`.', 'zzz', []]]);
    assert.deepEqual(findingsOf(text)[0].fixes, []);
  });

  it('names the output holding the selector, or `?` for an output or step without a name', () => {
    const named = workflowText({ outputs: [output('$inputs.zzz')] });
    assert.deepEqual(seen(named), [['unknown-input', 'error', 'output `o` references `$inputs.zzz`, but there is no input named `zzz`. Declare it under `inputs`.', 'zzz', []]]);
    const unnamed = workflowText({ outputs: [{ type: 'JsonField', selector: '$inputs.zzz' }] });
    assert.deepEqual(seen(unnamed), [
      ['missing-property', 'error', 'This output has no `name`. An output is `{"type": "JsonField", "name": …, "selector": "$steps.<step>.<output>"}`.', '{', []],
      ['unknown-input', 'error', 'output `?` references `$inputs.zzz`, but there is no input named `zzz`. Declare it under `inputs`.', 'zzz', []],
    ]);
    const unnamedStep = workflowText({ steps: [unnamedDetection({ images: '$inputs.zzz' })], outputs: [] });
    assert.deepEqual(seen(unnamedStep), [
      [...NO_NAME_STEP, `"${DETECTION}"`, []],
      ['unknown-input', 'error', '`images` of step `?` references `$inputs.zzz`, but there is no input named `zzz`. Declare it under `inputs`.', 'zzz', []],
    ]);
  });

  it('underlines the whole selector when the name is written with an escape', () => {
    const text = workflowText({ steps: [detection({ images: '$inputs.imagx' })] }).replace('imagx', 'imag\\u0078');
    assert.deepEqual(seen(text), [['unknown-input', 'error', '`images` of step `det` references `$inputs.imagx`, but there is no input named `imagx`. Did you mean `$inputs.image`?', '"$inputs.imag\\u0078"', []]]);
  });

  it('reports no missing input when `inputs` is not a list: that is reported once, by itself', () => {
    const text = JSON.stringify({ version: '1.0', inputs: {}, steps: [DETECTION_STEP], outputs: [] }, null, 2);
    assert.deepEqual(seen(text).map((f) => f[0]), ['wrong-type']);
  });

  it('checks a selector given to a field that declares no container', () => {
    const catalog = catalogWithFields(DETECTION, { images: { containers: [] } });
    const text = workflowText({ steps: [detection({ images: '$inputs.zzz' })] });
    assert.deepEqual(seen(text, catalog).map((f) => f[0]), ['unknown-input']);
  });
});

describe('selector references: where the squiggle and the fix land', () => {
  // The name is looked for after its own prefix: the same letters earlier in the selector are not it.
  it('underlines and renames the input name, not the same letters in `$inputs`', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'input' }], steps: [detection({ images: '$inputs.inpu' })], outputs: [] });
    const [finding] = findingsOf(text);
    assert.deepEqual([finding.code, finding.range.offset], ['unknown-input', text.indexOf('$inputs.inpu') + '$inputs.'.length]);
    assert.equal(applyFix(text, finding), workflowText({ inputs: [{ type: 'WorkflowImage', name: 'input' }], steps: [detection({ images: '$inputs.input' })], outputs: [] }));
  });

  it('underlines and renames the step name, not the same letters in `$steps`', () => {
    const text = workflowText({ outputs: [output('$steps.tep.predictions')] });
    const [finding] = findingsOf(text);
    assert.deepEqual([finding.code, finding.message, finding.range.offset], ['unknown-step', 'output `o` references step `tep`, which does not exist. Did you mean `det`?', text.indexOf('$steps.tep') + '$steps.'.length]);
    assert.equal(applyFix(text, finding), workflowText({ outputs: [output('$steps.det.predictions')] }));
  });

  it('underlines and renames the output name, not the same letters in the step name', () => {
    const step = detection({ name: 'predictions' });
    const text = workflowText({ steps: [step], outputs: [output('$steps.predictions.prediction')] });
    const [finding] = findingsOf(text);
    assert.deepEqual([finding.code, finding.range.offset], ['unknown-step-output', text.indexOf('$steps.predictions.prediction') + '$steps.predictions.'.length]);
    assert.equal(applyFix(text, finding), workflowText({ steps: [step], outputs: [output('$steps.predictions.predictions')] }));
  });

  it('underlines the whole `.*` selector when the step name is written with an escape', () => {
    const text = workflowText({ steps: [DETECTION_STEP, expression({ a: '$steps.det.*' })] }).replace('$steps.det.*', '$steps.d\\u0065t.*');
    assert.deepEqual(seen(text).map((f) => [f[0], f[3]]), [['unknown-step-output', '"$steps.d\\u0065t.*"']]);
  });
});

describe('selector references: input kinds', () => {
  it('lists the kinds an input is declared as, and points at its `kind`', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'p', kind: ['string', 'integer'] }], steps: [detection({ images: '$inputs.p' })] });
    assert.deepEqual(seen(text), [
      [
        'kind-mismatch',
        'error',
        "`images` of step `det` accepts kind image, but input `p` is declared as string, integer. Change the input's `kind` (or remove it to accept anything), or reference another input.",
        '"$inputs.p"',
        [['Input `p` is declared here', '[\n        "string",\n        "integer"\n      ]']],
      ],
    ]);
  });

  it('names every kind the property accepts, joined by "or"', () => {
    const claude = { type: 'roboflow_core/anthropic_claude@v1', name: 'claude', images: '$inputs.image', task_type: 'ocr', api_key: '$inputs.n' };
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'n', kind: ['integer'] }], steps: [claude], outputs: [] });
    assert.deepEqual(
      seen(text).filter(([code]) => code === 'kind-mismatch'),
      [
        [
          'kind-mismatch',
          'error',
          "`api_key` of step `claude` accepts kind string or secret, but input `n` is declared as integer. Change the input's `kind` (or remove it to accept anything), or reference another input.",
          '"$inputs.n"',
          [['Input `n` is declared here', '[\n        "integer"\n      ]']],
        ],
      ],
    );
  });

  it('says an input declared with an empty `kind` has no kind at all', () => {
    const text = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'p', kind: [] }], steps: [detection({ images: '$inputs.p' })] });
    assert.deepEqual(seen(text), [
      [
        'kind-mismatch',
        'error',
        "`images` of step `det` accepts kind image, but input `p` is declared with no kind at all (`\"kind\": []`). Change the input's `kind` (or remove it to accept anything), or reference another input.",
        '"$inputs.p"',
        [['Input `p` is declared here', '[]']],
      ],
    ]);
  });
});

describe('selector references: unknown steps', () => {
  it('names the missing step, underlines it, and offers the nearest step as a fix', () => {
    const text = workflowText({ outputs: [output('$steps.dett.predictions')] });
    const findings = findingsOf(text);
    assert.deepEqual(seen(text), [['unknown-step', 'error', 'output `o` references step `dett`, which does not exist. Did you mean `det`?', 'dett', []]]);
    assert.equal(applyFix(text, findings[0]), workflowText({ outputs: [output('$steps.det.predictions')] }));
  });

  it('suggests nothing for a step name far from every step', () => {
    const text = workflowText({ outputs: [output('$steps.zzzzzz.predictions')] });
    assert.deepEqual(seen(text), [['unknown-step', 'error', 'output `o` references step `zzzzzz`, which does not exist.', 'zzzzzz', []]]);
    assert.deepEqual(findingsOf(text)[0].fixes, []);
  });

  it('reports no missing step when `steps` is not a list: that is reported once, by itself', () => {
    const text = JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }], steps: {}, outputs: [output('$steps.x.y')] }, null, 2);
    assert.deepEqual(seen(text).map((f) => f[0]), ['wrong-type']);
  });
});

describe('selector references: step outputs', () => {
  it('names the missing output with the block, lists the outputs, points at the step and offers the nearest output', () => {
    const text = workflowText({ outputs: [output('$steps.det.predictionz')] });
    const findings = findingsOf(text);
    assert.deepEqual(seen(text), [
      ['unknown-step-output', 'error', `Step \`det\` (Object Detection Model) has no output \`predictionz\`; its outputs are ${DETECTION_OUTPUTS}. Did you mean \`predictions\`?`, 'predictionz', [['Step `det` is defined here', '"det"']]],
    ]);
    assert.equal(applyFix(text, findings[0]), workflowText({ outputs: [output('$steps.det.predictions')] }));
  });

  it('suggests nothing for an output name far from every output', () => {
    const text = workflowText({ outputs: [output('$steps.det.zzzzzzzz')] });
    assert.deepEqual(seen(text), [
      ['unknown-step-output', 'error', `Step \`det\` (Object Detection Model) has no output \`zzzzzzzz\`; its outputs are ${DETECTION_OUTPUTS}.`, 'zzzzzzzz', [['Step `det` is defined here', '"det"']]],
    ]);
  });

  it('refuses all outputs at once in a step input, and lists the outputs to pick from', () => {
    const text = workflowText({ steps: [DETECTION_STEP, expression({ a: '$steps.det.*' })] });
    assert.deepEqual(seen(text), [['unknown-step-output', 'error', `\`data\` of step \`e\` references \`$steps.det.*\`: a step input cannot take all outputs at once. Name one output: ${DETECTION_OUTPUTS}.`, '*', []]]);
  });

  it('accepts all outputs at once in a workflow output, or from a step that declares a `*` output', () => {
    assert.deepEqual(seen(workflowText({ outputs: [output('$steps.det.*')] })), []);
    const catalog = catalogWithBlock(DETECTION, (b) => ({ ...b, outputs: [...b.outputs, { name: '*', kinds: ['*'] }] }));
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, expression({ a: '$steps.det.*' })] }), catalog), []);
  });

  it('lists every kind of an output of the wrong kind, and points at its step', () => {
    const claude = { type: 'roboflow_core/anthropic_claude@v1', name: 'claude', images: '$inputs.image', task_type: 'unconstrained', prompt: 'x', api_key: 'k' };
    const text = workflowText({ steps: [DETECTION_STEP, claude, consensus({ predictions_batches: ['$steps.claude.output'] })] });
    assert.deepEqual(seen(text), [
      [
        'kind-mismatch',
        'error',
        '`predictions_batches` of step `k` accepts kind object_detection_prediction or instance_segmentation_prediction or keypoint_detection_prediction, but `$steps.claude.output` is string, language_model_output. Reference an output of a matching kind.',
        '"$steps.claude.output"',
        [['Step `claude` is defined here', '"claude"']],
      ],
    ]);
  });
});

describe('selector references: what a property may point at', () => {
  it('looks for selectors in a list only where the property takes a list: a list given for a dict is a wrong value, not a reference', () => {
    const text = workflowText({ steps: [DETECTION_STEP, continueIf(['$steps.det'], ['$inputs.zzz'])] });
    assert.deepEqual(seen(text), [
      [
        'invalid-value',
        'error',
        '`evaluation_parameters` of Continue If step `c` takes a dict of selectors `$inputs.<name>` or `$steps.<step>.<output>` (kind *), not a list.',
        '[\n        "$inputs.zzz"\n      ]',
        [],
      ],
    ]);
  });


  it('refuses a step output where only steps are taken', () => {
    const text = workflowText({ steps: [DETECTION_STEP, continueIf(['$steps.det.predictions'])] });
    assert.deepEqual(seen(text), [['selector-not-allowed', 'error', '`next_steps` of step `c` takes steps (`$steps.<step>`), not the output `$steps.det.predictions`. Name the step to continue with.', '"$steps.det.predictions"', []]]);
  });

  it('accepts an output of any kind where only steps are taken, and a step output where steps and data are taken', () => {
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, expression({ a: '$steps.det.predictions' }), continueIf(['$steps.e.output'])] })), []);
    const catalog = catalogWithFields('roboflow_core/continue_if@v1', { next_steps: { selectorTargets: ['step', 'any_data'] } });
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, continueIf(['$steps.det.predictions'])] }), catalog), []);
  });

  it('refuses a step where data is taken, naming the shape it got', () => {
    const text = workflowText({ steps: [detection({ images: '$steps.det' })] });
    assert.deepEqual(seen(text), [['invalid-selector', 'error', '`images` of step `det` takes `$inputs.<name>` or `$steps.<step>.<output>`, not a step (`$steps.<step>`); names may use letters, digits, `_` and `-`.', '"$steps.det"', []]]);
    const unnamed = workflowText({ steps: [unnamedDetection({ images: '$steps.det' })], outputs: [] });
    assert.deepEqual(seen(unnamed), [
      [...NO_NAME_STEP, `"${DETECTION}"`, []],
      ['invalid-selector', 'error', '`images` of step `?` takes `$inputs.<name>` or `$steps.<step>.<output>`, not a step (`$steps.<step>`); names may use letters, digits, `_` and `-`.', '"$steps.det"', []],
    ]);
  });

  it('refuses a step in a single value that also takes a literal of another type', () => {
    const text = workflowText({ steps: [DETECTION_STEP, consensus({ required_votes: '$steps.det' })] });
    assert.deepEqual(seen(text), [['invalid-selector', 'error', '`required_votes` of step `k` takes `$inputs.<name>` or `$steps.<step>.<output>`, not a step (`$steps.<step>`); names may use letters, digits, `_` and `-`.', '"$steps.det"', []]]);
  });

  it('refuses a step output where only workflow parameters are taken', () => {
    const catalog = catalogWithFields('roboflow_core/detections_consensus@v1', { required_votes: { selectorTargets: ['workflow_parameter'] } });
    const text = workflowText({ steps: [DETECTION_STEP, consensus({ required_votes: '$steps.det.predictions' })] });
    assert.deepEqual(seen(text, catalog), [
      ['invalid-selector', 'error', '`required_votes` of step `k` takes `$inputs.<name>`, not a step output (`$steps.<step>.<output>`); names may use letters, digits, `_` and `-`.', '"$steps.det.predictions"', []],
    ]);
  });

  it('quotes a value that is no selector at all', () => {
    const text = workflowText({ steps: [detection({ images: '$inputs.a b' })] });
    assert.deepEqual(seen(text), [['invalid-selector', 'error', '`images` of step `det` takes `$inputs.<name>` or `$steps.<step>.<output>`, not `$inputs.a b`; names may use letters, digits, `_` and `-`.', '"$inputs.a b"', []]]);
  });

  it('refuses an input where only steps are taken', () => {
    const text = workflowText({ steps: [DETECTION_STEP, continueIf(['$inputs.image'])] });
    assert.deepEqual(seen(text), [['invalid-selector', 'error', '`next_steps` of step `c` takes `$steps.<step>`, not an input (`$inputs.…`); names may use letters, digits, `_` and `-`.', '"$inputs.image"', []]]);
  });

  it('refuses a step in a dict item that takes literals, as only flow control points at steps', () => {
    const csv = (extra: object) => ({ type: 'roboflow_core/csv_formatter@v1', name: 'f', columns_data: { a: '$steps.det' }, ...extra });
    const message = (step: string) => `\`columns_data\` of step \`${step}\` takes \`$inputs.<name>\` or \`$steps.<step>.<output>\`, not a step (\`$steps.<step>\`): only flow-control steps point at other steps.`;
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, csv({})] })), [['selector-not-allowed', 'error', message('f'), '"$steps.det"', []]]);
    const { name: _name, ...unnamed } = csv({});
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, unnamed] })), [
      [...NO_NAME_STEP, '"roboflow_core/csv_formatter@v1"', []],
      ['selector-not-allowed', 'error', message('?'), '"$steps.det"', []],
    ]);
  });

  it('leaves selectors out of a value the property does not hold them in to the value check', () => {
    // A single value to a list-only field, a list to a dict-only field, a dict to a list-only field.
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, continueIf('$steps.zzz')] })), []);
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, continueIf(['$steps.det'], [['a', '$steps.zzz.x']])] })).map((f) => f[0]), ['invalid-value']);
    assert.deepEqual(seen(workflowText({ steps: [DETECTION_STEP, continueIf({ a: '$steps.zzz' })] })).map((f) => f[0]), ['invalid-value']);
  });
});
