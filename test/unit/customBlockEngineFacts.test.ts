import assert from 'node:assert/strict';
import { codeOf, counterBlockWith, counterWorkflowFindings, inputsOf, manifestOf, verbatim, type CounterWorkflow, type Json } from '../support/counterBlock';
import { DETECTION_STEP } from '../support/workflowText';

/**
 * Custom Python block definitions where Roboflow's real engine (test/engine/customBlocks.engine.test.ts)
 * answered otherwise than the validator, written from the engine's source, had expected.
 */

const seen = counterWorkflowFindings;

const withChange = (change: (block: Json) => void, rest: CounterWorkflow = {}): CounterWorkflow => ({ ...rest, block: counterBlockWith(change) });
const COUNT = '{"type": "DynamicOutputDefinition", "kind": ["integer"]}';
const COUNT_UNKNOWN_KIND = '{"type": "DynamicOutputDefinition", "kind": ["integr"]}';
const DUPLICATE_COUNT: [string, string, string, string] = [
  'duplicate-key',
  'warning',
  '`count` is written more than once in this object: the server reads only the last one, and the checks here may read this one. Remove the extra copy.',
  '"count"',
];

describe('custom block definitions: what the real engine showed', () => {
  it('reads a key written twice in a definition as the engine does: the last copy', () => {
    assert.deepEqual(seen(withChange((b) => (manifestOf(b).outputs = verbatim(`{"count": ${COUNT_UNKNOWN_KIND}, "count": ${COUNT}}`)))), [DUPLICATE_COUNT]);
    assert.deepEqual(seen(withChange((b) => (manifestOf(b).outputs = verbatim(`{"count": ${COUNT}, "count": ${COUNT_UNKNOWN_KIND}}`)))), [
      DUPLICATE_COUNT,
      ['dynamic-block-invalid', 'error', 'Custom Python block `Counter`: Output `count` declares kind `integr`, which the engine does not know. The server refuses the workflow.', '"integr"'],
    ]);
    const malformedFirst = '{"type": "DynamicInputDefinition", "selector_types": ["image"]}';
    const image = '{"type": "DynamicInputDefinition", "selector_types": ["input_image"]}';
    assert.deepEqual(seen(withChange((b) => (manifestOf(b).inputs = verbatim(`{"image": ${malformedFirst}, "image": ${image}}`)))), [
      ['duplicate-key', 'warning', '`image` is written more than once in this object: the server reads only the last one, and the checks here may read this one. Remove the extra copy.', '"image"'],
    ]);
  });

  it('takes only values of the wildcard kind into a selector declared with an empty kind list', () => {
    const data = { type: 'DynamicInputDefinition', selector_types: ['step_output'], selector_data_kind: { step_output: [] } };
    assert.deepEqual(seen(withChange((b) => (inputsOf(b).data = data), { before: [DETECTION_STEP], step: { data: '$steps.det.predictions' } })), [
      [
        'kind-mismatch',
        'error',
        '`data` of step `counter` accepts kind (none: its selector_data_kind list is empty), but `$steps.det.predictions` is object_detection_prediction. Reference an output of a matching kind.',
        '"$steps.det.predictions"',
      ],
    ]);
    const emptyParameterKinds = (b: Json) => (inputsOf(b).threshold.selector_data_kind = { input_parameter: [] });
    // A workflow parameter declared without a kind is of the wildcard kind.
    assert.deepEqual(seen(withChange(emptyParameterKinds, { step: { threshold: '$inputs.threshold' } })), []);
    const [typed] = seen(withChange(emptyParameterKinds, { step: { threshold: '$inputs.threshold' }, parameter: { kind: ['float'] } }));
    assert.deepEqual(typed.slice(0, 2), ['kind-mismatch', 'error']);
    assert.match(typed[2], /^`threshold` of step `counter` accepts kind \(none: its selector_data_kind list is empty\), but input `threshold` is declared as float\./);
  });

  it('does not count a use by a selector with an empty kind list as a kind the workflow parameter must have', () => {
    const bothUses = (b: Json) => {
      inputsOf(b).threshold.selector_data_kind = { input_parameter: [] };
      inputsOf(b).limit = { type: 'DynamicInputDefinition', selector_types: ['input_parameter'], selector_data_kind: { input_parameter: ['float'] } };
    };
    assert.deepEqual(seen(withChange(bothUses, { step: { threshold: '$inputs.threshold', limit: '$inputs.threshold' } })), []);
  });

  it('looks up the kinds of the selector types an input takes, and ignores kinds declared for others', () => {
    const kinds = (selectorDataKind: Json) => seen(withChange((b) => (inputsOf(b).threshold.selector_data_kind = selectorDataKind)));
    assert.deepEqual(kinds({ step_output: ['flaot'] }), []);
    assert.deepEqual(kinds({ input_parameter: ['flaot'] }), [
      ['dynamic-block-invalid', 'error', 'Custom Python block `Counter`: Input `threshold` declares kind `flaot`, which the engine does not know. The server refuses the workflow.', '"flaot"'],
    ]);
  });

  it('refuses each step of a block with a negative input offset, at its type', () => {
    assert.deepEqual(seen(withChange((b) => (inputsOf(b).threshold.dimensionality_offset = -1))), [
      [
        'dimensionality-mismatch',
        'error',
        'Custom block `Counter` declares `dimensionality_offset` -1 for `threshold`, and the server refuses every step of a block with a negative input offset, so step `counter` cannot run. Use 0 or 1.',
        '"Counter"',
      ],
    ]);
    assert.deepEqual(seen(withChange((b) => (inputsOf(b).threshold.dimensionality_offset = 0))), []);
  });

  it('finds the run function wherever the module binds its name, as the engine looks it up', () => {
    const run = 'def count(self, image, threshold):\n    return {"count": 1}\n';
    const bound: [string, Json][] = [
      ['an assignment', { run_function_code: `${run}\nrun = count\n` }],
      ['an annotated assignment', { run_function_code: `${run}\nrun: object = count\n` }],
      ['a def inside a top-level if', { run_function_code: 'if True:\n    def run(self, image, threshold):\n        return {"count": 1}\n' }],
      ['an async def', { run_function_code: 'async def run(self, image, threshold):\n    return {"count": 1}\n' }],
      ['an import alias', { imports: ['from math import floor as run'], run_function_code: run }],
      ['a star import (of subprocess, which exports its run)', { imports: ['from subprocess import *'], run_function_code: run }],
      ['a name the engine imports for every block', { run_function_name: 'json' }],
      ['a tuple assignment', { run_function_code: `${run}\nrun, other = count, count\n` }],
      ['an assignment after a semicolon', { run_function_code: `${run}\nx = 1; run = count\n` }],
    ];
    for (const [label, code] of bound) assert.deepEqual(seen(withChange((b) => Object.assign(codeOf(b), code))), [], label);
  });

  it('refuses a run function the module does not bind: one inside a function or class, or only in a string or comment', () => {
    const unbound: [string, string][] = [
      ['inside a function', 'def outer():\n    def run(self, image, threshold):\n        return {"count": 1}\n'],
      ['inside a class', 'class Block:\n    def run(self, image, threshold):\n        return {"count": 1}\n'],
      ['in a string', 'NOTE = """\ndef run(self, image, threshold):\n"""\n'],
      ['in a comment', '# def run(self, image, threshold):\nx = 1\n'],
    ];
    for (const [label, source] of unbound) {
      const text = JSON.stringify(source);
      assert.deepEqual(
        seen(withChange((b) => (codeOf(b).run_function_code = source))),
        [['dynamic-block-invalid', 'error', 'Custom Python block `Counter`: There is no top-level function `run` in the code: define `def run(self, …)` there, or set `run_function_name` to the function you wrote. The server refuses the workflow.', text]],
        label,
      );
    }
  });

  it('finds the init function by the same rule, in the init code or the run code', () => {
    const init = (code: Json) => seen(withChange((b) => Object.assign(codeOf(b), code)));
    assert.deepEqual(init({ init_function_code: 'def make():\n    return {}\n\ninit = make\n' }), []);
    assert.deepEqual(init({ init_function_code: '', run_function_code: 'def run(self, image, threshold):\n    return {"count": 1}\n\ndef init():\n    return {}\n' }), []);
    assert.deepEqual(init({ init_function_code: 'class Setup:\n    def init(self):\n        return {}\n' }), [
      [
        'dynamic-block-invalid',
        'error',
        'Custom Python block `Counter`: `init_function_code` has no top-level function `init`: define `def init()`, or set `init_function_name`. The server refuses the workflow.',
        JSON.stringify('class Setup:\n    def init(self):\n        return {}\n'),
      ],
    ]);
  });
});
