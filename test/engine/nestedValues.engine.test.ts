import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { lintWorkflow } from '../../src/core/lint';
import { errorCodes, judge } from '../support/agreement/judge';
import { EngineCompiler, engineInstalled, ENGINE_PYTHON, type EngineVerdict } from '../support/engine';
import { DETECTION_STEP } from '../support/workflowText';

/**
 * Values inside the properties that have the engine's nested schemas (the query language of
 * `condition_statement` and `switch`, the `*_operations` pipelines, `lmm_config`), compiled by
 * Roboflow's real engine and linted: both accept, or both refuse and the linter names the engine's
 * error class. Values Pydantic converts are accepted by both, and the linter says so in a warning.
 */

const catalog = bundledCatalog();
type Json = Record<string, unknown>;

interface Row {
  label: string;
  step: Json;
  engine: 'accepts' | string;
  /** Error codes the linter reports (sorted); the warning codes it must also report. */
  linter: string[];
  warnings?: string[];
}

const binary = (over: Json = {}): Json => ({
  type: 'BinaryStatement',
  left_operand: { type: 'DynamicOperand', operand_name: 'dets', operations: [{ type: 'SequenceLength' }] },
  comparator: { type: '(Number) >' },
  right_operand: { type: 'StaticOperand', value: 0 },
  ...over,
});
const gate = (condition: unknown): Json => ({ type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: condition, evaluation_parameters: { dets: '$steps.det.predictions' }, next_steps: [] });
const group = (...statements: unknown[]): Json => ({ type: 'StatementGroup', statements });
const property = (operations: unknown): Json => ({ type: 'roboflow_core/property_definition@v1', name: 'prop', data: '$steps.det.predictions', operations });
const lmm = (config: unknown): Json => ({ type: 'roboflow_core/lmm@v1', name: 'lmm', images: '$inputs.image', prompt: 'What is here?', lmm_type: 'gpt_4v', remote_api_key: '$inputs.key', lmm_config: config });
const aggregator = (operations: unknown): Json => ({
  type: 'roboflow_core/data_aggregator@v1',
  name: 'agg',
  data: { count: '$steps.det.predictions' },
  data_operations: operations,
  aggregation_mode: { count: ['sum'] },
  interval: 10,
});
const expression = (switchValue: unknown): Json => ({ type: 'roboflow_core/expression@v1', name: 'expr', data: { dets: '$steps.det.predictions' }, switch: switchValue });
const alwaysTrue = { type: 'UnaryStatement', operand: { type: 'StaticOperand', value: true }, operator: { type: '(Boolean) is True' } };

const ROWS: Row[] = [
  { label: 'a condition with one comparison', step: gate(group(binary())), engine: 'accepts', linter: [] },
  { label: 'a condition group with no statements', step: gate(group()), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a comparator the query language does not have', step: gate(group(binary({ comparator: { type: '=' } }))), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a statement without its type', step: gate(group({ left_operand: { type: 'StaticOperand', value: 1 } })), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a condition without its type', step: gate({ statements: [binary()] }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a group operator that is neither and nor or', step: gate({ ...group(binary()), operator: 'xor' }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a comparison missing its right operand', step: gate(group(binary({ right_operand: undefined }))), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'groups nested in groups', step: gate(group(group(binary(), alwaysTrue), alwaysTrue)), engine: 'accepts', linter: [] },
  { label: 'negate written as the text "yes"', step: gate(group(binary({ negate: 'yes' }))), engine: 'accepts', linter: [], warnings: ['value-converted'] },
  { label: 'negate written as the text "maybe"', step: gate(group(binary({ negate: 'maybe' }))), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'an operand operation the query language does not have', step: gate(group(binary({ left_operand: { type: 'DynamicOperand', operand_name: 'dets', operations: [{ type: 'SequenceLenght' }] } }))), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'an operation pipeline', step: property([{ type: 'DetectionsPropertyExtract', property_name: 'class_name' }, { type: 'SequenceLength' }]), engine: 'accepts', linter: [] },
  { label: 'an operation missing its required setting', step: property([{ type: 'DetectionsPropertyExtract' }]), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'an operation setting outside its values', step: property([{ type: 'DetectionsPropertyExtract', property_name: 'colour' }]), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'an integer setting written as text', step: property([{ type: 'DetectionsOffset', offset_x: '10', offset_y: 5 }]), engine: 'accepts', linter: [], warnings: ['value-converted'] },
  { label: 'an integer setting with a fraction', step: property([{ type: 'DetectionsOffset', offset_x: 1.5, offset_y: 5 }]), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a filter operation whose condition has no statements', step: property([{ type: 'DetectionsFilter', filter_operation: group() }]), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a filter operation with a real condition', step: property([{ type: 'DetectionsFilter', filter_operation: group(alwaysTrue) }]), engine: 'accepts', linter: [] },
  { label: 'LMM settings as the engine takes them', step: lmm({ max_tokens: 300, gpt_image_detail: 'low' }), engine: 'accepts', linter: [] },
  { label: 'LMM max_tokens written as text', step: lmm({ max_tokens: '300' }), engine: 'accepts', linter: [], warnings: ['value-converted'] },
  { label: 'LMM max_tokens that is no number', step: lmm({ max_tokens: 'many' }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'an LMM image detail outside its values', step: lmm({ gpt_image_detail: 'hi' }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'an LMM setting the block does not have', step: lmm({ temperature: 0.5 }), engine: 'accepts', linter: [] },
  { label: 'per-key operations of an aggregator', step: aggregator({ count: [{ type: 'SequenceLength' }] }), engine: 'accepts', linter: [] },
  { label: 'an aggregator operation the query language does not have', step: aggregator({ count: [{ type: 'Nope' }] }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a switch with one case', step: expression({ type: 'CasesDefinition', cases: [{ type: 'CaseDefinition', condition: group(alwaysTrue), result: { type: 'StaticCaseResult', value: 'yes' } }], default: { type: 'StaticCaseResult', value: 'no' } }), engine: 'accepts', linter: [] },
  { label: 'a switch without its default', step: expression({ type: 'CasesDefinition', cases: [] }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
  { label: 'a switch case whose result type is unknown', step: expression({ type: 'CasesDefinition', cases: [{ type: 'CaseDefinition', condition: group(alwaysTrue), result: { type: 'FixedResult', value: 1 } }], default: { type: 'StaticCaseResult', value: 'no' } }), engine: 'WorkflowSyntaxError', linter: ['invalid-value'] },
];

function workflowText(step: Json): string {
  return JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'key' }],
      steps: [DETECTION_STEP, step],
      outputs: [{ type: 'JsonField', name: 'out', selector: `$steps.${String(step.name)}.*` }],
    },
    null,
    2,
  );
}

const engineAnswer = (verdict: EngineVerdict) => (verdict.ok ? 'accepts' : verdict.error_type);

describe('values inside nested property schemas: the real engine and the linter agree', function () {
  this.timeout(600_000);
  let engine: EngineCompiler;
  let verdicts: EngineVerdict[];
  const texts = ROWS.map((row) => workflowText(row.step));

  before(async () => {
    assert.ok(engineInstalled(), `no engine at ${ENGINE_PYTHON}: run scripts/setup-engine.sh`);
    engine = new EngineCompiler();
    verdicts = await Promise.all(texts.map((text) => engine.compile(JSON.parse(text))));
  });

  after(() => engine?.close());

  ROWS.forEach((row, i) => {
    it(`${row.label}: the engine ${row.engine === 'accepts' ? 'accepts' : `refuses (${row.engine})`}, the linter ${row.linter.length ? `reports ${row.linter.join(', ')}` : 'reports no error'}`, () => {
      const verdict = verdicts[i];
      const findings = lintWorkflow(texts[i], catalog).findings;
      const seen = {
        engine: engineAnswer(verdict),
        linter: errorCodes(findings),
        detail: verdict.ok ? undefined : `${verdict.message} ${String(verdict.body?.inner_error_message ?? '')}`.slice(0, 600),
        findings: findings.filter((f) => f.severity !== 'hint').map((f) => `${f.severity} ${f.code}: ${f.message}`),
      };
      assert.deepEqual({ engine: seen.engine, linter: seen.linter }, { engine: row.engine, linter: row.linter }, JSON.stringify(seen, null, 2));
      assert.equal(judge(findings, verdict).outcome, 'agree', JSON.stringify(seen, null, 2));
      const warnings = [...new Set(findings.filter((f) => f.severity === 'warning').map((f) => f.code))].sort();
      assert.deepEqual(warnings, row.warnings ?? [], JSON.stringify(seen, null, 2));
    });
  });
});
