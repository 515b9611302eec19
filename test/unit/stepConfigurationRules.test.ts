import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/findings';
import rules from '../../src/core/validate/data/block-rules.json';
import { relatedRows, visibleFindings } from '../support/findingViews';
import { applyFix, DETECTION_STEP, underlined, workflowText } from '../support/workflowText';

/**
 * Rules that read a step's own configuration: the outputs a step computes from it (named by a
 * property, typed by an aggregation mode or a task), and the fields a model block's task requires.
 */

/** Each finding as the user sees it: code, severity, message, underline, related places, quick fixes and what they leave. */
const seen = (text: string) =>
  visibleFindings(text).map((f: Finding) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    underlined: underlined(text, f),
    related: relatedRows(text, f),
    fixes: (f.fixes ?? []).map((fix, i) => [fix.title, fix.preferred, applyFix(text, f, i)]),
  }));

const INPUTS = [
  { type: 'WorkflowImage', name: 'image' },
  { type: 'WorkflowParameter', name: 'p' },
  { type: 'WorkflowParameter', name: 'raw' },
  { type: 'WorkflowParameter', name: 'key', kind: ['secret'] },
];
const doc = (steps: object[], selector: string) => workflowText({ inputs: INPUTS, steps, outputs: [{ type: 'JsonField', name: 'o', selector }] });
const parser = (expected_fields?: unknown) => ({ type: 'roboflow_core/json_parser@v1', name: 'parse', raw_json: '$inputs.raw', expected_fields });

/** The unknown-output error for `$steps.<step>.<output>` in output `o`, with its rename fixes. */
function noSuchOutput(text: string, step: string, label: string, output: string, outputs: string[], suggestions: string[]) {
  return {
    code: 'unknown-step-output',
    severity: 'error',
    message: `Step \`${step}\` (${label}) has no output \`${output}\`; its outputs are ${outputs.map((o) => `\`${o}\``).join(', ')}. Did you mean \`${suggestions[0]}\`?`,
    underlined: output,
    related: [[`Step \`${step}\` is defined here`, JSON.stringify(step)]],
    fixes: suggestions.map((s, i) => [`Change to ${s}`, i === 0, text.replace(`"$steps.${step}.${output}"`, `"$steps.${step}.${s}"`)]),
  };
}

describe('outputs a step computes from its configuration', () => {
  it('lists only the fixed outputs when the naming property is left out, and offers them as fixes, the nearest preferred', () => {
    const text = doc([parser()], '$steps.parse.x');
    assert.deepEqual(seen(text), [
      {
        code: 'missing-required-field',
        severity: 'error',
        message: 'JSON Parser step `parse` is missing required field `expected_fields`. `expected_fields` takes a list.',
        underlined: '"roboflow_core/json_parser@v1"',
        related: [],
        fixes: [['Add missing field expected_fields', undefined, text.replace('"raw_json": "$inputs.raw"', '"raw_json": "$inputs.raw",\n      "expected_fields": []')]],
      },
      noSuchOutput(text, 'parse', 'JSON Parser', 'x', ['error_status'], ['error_status']),
    ]);
  });

  it('adds the strings of a list as outputs, skipping items that are not strings', () => {
    const text = doc([parser(['count', 3])], '$steps.parse.x');
    assert.deepEqual(seen(text), [noSuchOutput(text, 'parse', 'JSON Parser', 'x', ['error_status', 'count'], ['count', 'error_status'])]);
  });

  it('adds nothing for a list property written as a plain string', () => {
    const text = doc([parser('count')], '$steps.parse.x');
    assert.deepEqual(
      seen(text).map((f) => [f.code, f.message]),
      [
        ['invalid-value', '`expected_fields` of JSON Parser step `parse` takes a list, not the string "count".'],
        ['unknown-step-output', 'Step `parse` (JSON Parser) has no output `x`; its outputs are `error_status`. Did you mean `error_status`?'],
      ],
    );
  });

  it('does not judge references when the naming property is a selector, known only at run time', () => {
    const text = doc([parser('$inputs.p')], '$steps.parse.x');
    assert.deepEqual(
      seen(text).map((f) => [f.code, f.message]),
      [['invalid-value', '`expected_fields` of JSON Parser step `parse` takes a list, not the string "$inputs.p".']],
    );
  });

  it('adds the keys of an object, and nothing for a list where an object belongs', () => {
    const lmm = (json_output: unknown) => ({ type: 'roboflow_core/lmm@v1', name: 'lmm', images: '$inputs.image', prompt: 'x', lmm_type: 'gpt_4v', remote_api_key: '$inputs.key', json_output });
    const FIXED = ['parent_id', 'root_parent_id', 'image', 'structured_output', 'raw_output'];
    const keyed = doc([lmm({ color: 'c' })], '$steps.lmm.x');
    assert.deepEqual(seen(keyed), [noSuchOutput(keyed, 'lmm', 'LMM', 'x', [...FIXED, 'color'], ['color', 'image', 'parent_id'])]);
    const listed = doc([lmm(['a'])], '$steps.lmm.x');
    assert.deepEqual(
      seen(listed).map((f) => [f.code, f.message]),
      [
        ['invalid-value', '`json_output` of LMM step `lmm` takes an object, or `null`, not a list.'],
        ['unknown-step-output', `Step \`lmm\` (LMM) has no output \`x\`; its outputs are ${FIXED.map((o) => `\`${o}\``).join(', ')}. Did you mean \`image\`?`],
      ],
    );
  });

  it('names secret outputs in lower case, as the secrets store does', () => {
    const text = doc([{ type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['MY_KEY'] }], '$steps.env.MY_KEY');
    assert.deepEqual(seen(text), [noSuchOutput(text, 'env', 'Environment Secrets Store', 'MY_KEY', ['my_key'], ['my_key'])]);
  });

  it('types aggregated values by their mode, and skips modes that are not strings', () => {
    const agg = { type: 'roboflow_core/data_aggregator@v1', name: 'agg', interval: 1, data: { n: '$inputs.p' }, aggregation_mode: { n: ['distinct', 'values_counts', 'sum', 7] } };
    const listed = doc([agg], '$steps.agg.n_x');
    assert.deepEqual(
      seen(listed).map((f) => [f.code, f.message]),
      [['unknown-step-output', 'Step `agg` (Data Aggregator) has no output `n_x`; its outputs are `n_distinct`, `n_values_counts`, `n_sum`.']],
    );
    const kinds = { distinct: 'list_of_values', values_counts: 'dictionary', sum: 'float, integer' };
    for (const [mode, kind] of Object.entries(kinds)) {
      const text = doc([agg, { ...DETECTION_STEP, images: `$steps.agg.n_${mode}` }], '$steps.det.predictions');
      assert.deepEqual(seen(text), [
        {
          code: 'kind-mismatch',
          severity: 'error',
          message: `\`images\` of step \`det\` accepts kind image, but \`$steps.agg.n_${mode}\` is ${kind}. Reference an output of a matching kind.`,
          underlined: `"$steps.agg.n_${mode}"`,
          related: [['Step `agg` is defined here', '"agg"']],
          fixes: [],
        },
      ]);
    }
  });

  it('types task outputs by the task written, not the default one', () => {
    const gemini = { type: 'roboflow_core/google_gemini@v6', name: 'gemini', images: '$inputs.image', api_key: '$inputs.key', task_type: 'classification', classes: ['a'] };
    const boxes = { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.gemini.predictions' };
    const text = doc([gemini, boxes], '$steps.boxes.image');
    assert.deepEqual(seen(text), [
      {
        code: 'kind-mismatch',
        severity: 'error',
        message:
          '`predictions` of step `boxes` accepts kind object_detection_prediction or instance_segmentation_prediction or keypoint_detection_prediction or rle_instance_segmentation_prediction, but `$steps.gemini.predictions` is classification_prediction. Reference an output of a matching kind.',
        underlined: '"$steps.gemini.predictions"',
        related: [['Step `gemini` is defined here', '"gemini"']],
        fixes: [],
      },
    ]);
  });
});

describe('fields a model task requires', () => {
  const florence = (extra: object) => ({ type: 'roboflow_core/florence_2@v2', name: 'florence', images: '$inputs.image', model_id: 'florence-2-base', ...extra });
  const glm = (extra: object) => ({ type: 'roboflow_core/glm_ocr@v1', name: 'ocr', images: '$inputs.image', ...extra });
  const taskErrors = (steps: object[]) => {
    const text = doc(steps, '$inputs.image');
    return seen(text).filter((f) => f.code === 'missing-required-field');
  };
  const needs = (step: string, task: string, field: string, underline: string) => ({
    code: 'missing-required-field',
    severity: 'error',
    message: `Step \`${step}\` runs task "${task}", which needs field \`${field}\`: the server refuses the step without it. Add \`${field}\`, or choose another task.`,
    underlined: underline,
    related: [],
    fixes: [],
  });

  it('counts an empty list as missing where the block checks for one', () => {
    const task = { task_type: 'open-vocabulary-object-detection' };
    assert.deepEqual(taskErrors([florence({ ...task, classes: [] })]), [needs('florence', 'open-vocabulary-object-detection', 'classes', '"open-vocabulary-object-detection"')]);
    assert.deepEqual(taskErrors([florence({ ...task, classes: ['dog'] })]), []);
  });

  it('counts an empty string or null as missing, but not a written prompt', () => {
    const task = { task_type: 'custom' };
    assert.deepEqual(taskErrors([glm({ ...task, prompt: '' })]), [needs('ocr', 'custom', 'prompt', '"custom"')]);
    assert.deepEqual(taskErrors([glm({ ...task, prompt: null })]), [needs('ocr', 'custom', 'prompt', '"custom"')]);
    assert.deepEqual(taskErrors([glm({ ...task, prompt: 'Read it' })]), []);
  });

  it('says which step when it has no name', () => {
    const { name: _unnamed, ...step } = glm({ task_type: 'custom' });
    assert.deepEqual(taskErrors([step]), [
      { ...needs('ocr', 'custom', 'prompt', '"custom"'), message: 'Step `?` runs task "custom", which needs field `prompt`: the server refuses the step without it. Add `prompt`, or choose another task.' },
    ]);
  });

  it('requires nothing for a task that is not a string', () => {
    assert.deepEqual(taskErrors([glm({ task_type: 5 })]), []);
  });

  it('names every missing field when a task needs several', () => {
    // The engine's rules name one field per task today; a task that needs two must say so in the plural.
    const glmRules = (rules.taskRequirements as Record<string, Record<string, string[]>>)['roboflow_core/glm_ocr@v1'];
    const needed = glmRules.custom;
    glmRules.custom = ['prompt', 'output_structure'];
    try {
      assert.deepEqual(taskErrors([glm({ task_type: 'custom' })]), [
        {
          ...needs('ocr', 'custom', 'prompt', '"custom"'),
          message: 'Step `ocr` runs task "custom", which needs fields `prompt`, `output_structure`: the server refuses the step without them. Add `prompt`, `output_structure`, or choose another task.',
        },
      ]);
    } finally {
      glmRules.custom = needed;
    }
  });
});
