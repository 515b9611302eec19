import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/core/findings';
import { repoRoot } from './repoRoot';

/** The real definitions from Roboflow's own tests (test/fixtures/corpus, copied with their index). */

export interface CorpusEntry {
  file: string;
  text: string;
  unknownStepTypes: string[];
  /** Engine errors expected for the stored definition, by phase. */
  expected: { errorClass: string; phase: string; test: string }[];
}

export const CORPUS_DIR = path.join(repoRoot(), 'test/fixtures/corpus');

export function loadCorpus(dir = CORPUS_DIR): CorpusEntry[] {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { file: string; unknown_step_types: string[] }[];
  const expected = new Map<string, CorpusEntry['expected']>();
  for (const line of fs.readFileSync(path.join(dir, 'expected_invalid.txt'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, errorClass, phase, test] = line.split('\t');
    const list = expected.get(file) ?? [];
    list.push({ errorClass, phase, test });
    expected.set(file, list);
  }
  return index.map((entry) => ({
    file: entry.file,
    text: fs.readFileSync(path.join(dir, entry.file), 'utf8'),
    unknownStepTypes: entry.unknown_step_types,
    expected: expected.get(entry.file) ?? [],
  }));
}

/** Which of our finding codes name what each engine error class names. */
export const ENGINE_ERROR_CODES: Record<string, string[]> = {
  DuplicatedNameError: ['duplicate-name'],
  ExecutionGraphStructureError: ['cycle', 'unknown-step-output', 'selector-not-allowed'],
  InvalidReferenceTargetError: ['unknown-input', 'unknown-step', 'unknown-step-output'],
  ReferenceTypeError: ['kind-mismatch'],
  WorkflowSyntaxError: ['unknown-block-type', 'invalid-value', 'missing-required-field', 'missing-property', 'invalid-selector'],
  WorkflowDefinitionError: ['invalid-value', 'missing-property', 'unknown-input-type', 'wrong-type', 'missing-section', 'missing-required-field'],
  StepInputDimensionalityError: ['dimensionality-mismatch'],
  StepInputLineageError: ['lineage-mismatch'],
  ControlFlowDefinitionError: ['control-flow-lineage'],
  DynamicBlockError: ['dynamic-block-invalid'],
  NotSupportedExecutionEngineError: ['unsupported-version'],
};

export type Verdict = 'agrees' | 'disagrees' | 'test plugin' | 'explained';

/**
 * Definitions the corpus index counts as accepted that the engine's full compile would in fact
 * reject: the tests that hold them never compile them. Each keeps the error we report.
 */
export const EXPLAINED: Record<string, { code: string; reason: string }> = {
  'test_workflow_endpoints__test_describe_workflow_interface_when_valid_definition_provided__valid_definition.json': {
    code: 'duplicate-name',
    reason: 'two outputs named `detections`; only describe_interface sees it, which skips the duplicate check that compilation makes (DuplicatedNameError)',
  },
  'test_workflows__test_discovering_interface_of_valid_workflow_from_payload__valid_definition.json': {
    code: 'duplicate-name',
    reason: 'the same definition, sent to the hosted describe_interface only',
  },
  'test_compiler_bridge__test_validate_inner_workflow_composition_rejects_non_object_step__definition.json': {
    code: 'missing-required-field',
    reason: 'a unit-test stub step without `images` and `model_id`; the test exercises the inner-workflow bridge, never Pydantic parsing',
  },
};

export interface CorpusOutcome {
  entry: CorpusEntry;
  /** What the engine does with the stored definition. */
  engine: string;
  ours: string;
  verdict: Verdict;
}

/** HTTP-400 entries name the engine error only in their test name. */
function engineClassFor(e: CorpusEntry['expected'][number]): string {
  if (!e.errorClass.startsWith('HTTP')) return e.errorClass.split(' ')[0];
  if (/execution_engine_version/.test(e.test)) return 'NotSupportedExecutionEngineError';
  if (/internal_error/.test(e.test)) return 'InvalidReferenceTargetError';
  if (/invalid_usage_of_inputs/.test(e.test)) return 'InputUsageError';
  return e.errorClass;
}
ENGINE_ERROR_CODES.InputUsageError = ['input-kind-conflict'];

export function evaluate(entry: CorpusEntry, findings: Finding[]): CorpusOutcome {
  const errors = findings.filter((f) => f.severity === 'error');
  const codes = [...new Set(errors.map((f) => f.code))];
  const ours = codes.length ? codes.join(', ') : 'no errors';
  const compile = entry.expected.filter((e) => e.phase === 'compile');
  if (entry.unknownStepTypes.length || entry.expected.some((e) => e.phase === 'plugin')) {
    return { entry, engine: `test-plugin blocks (${entry.unknownStepTypes.join(', ')})`, ours, verdict: 'test plugin' };
  }
  if (!compile.length) {
    const engine = entry.expected.length ? `accepts (fails later: ${entry.expected.map((e) => `${e.errorClass} at ${e.phase}`).join('; ')})` : 'accepts';
    const explained = EXPLAINED[entry.file];
    if (explained && codes.length === 1 && codes[0] === explained.code) return { entry, engine: `${engine}; but ${explained.reason}`, ours, verdict: 'explained' };
    return { entry, engine, ours, verdict: errors.length ? 'disagrees' : 'agrees' };
  }
  const classes = compile.map(engineClassFor);
  const named = classes.every((c) => (ENGINE_ERROR_CODES[c] ?? []).some((code) => codes.includes(code)));
  return { entry, engine: `rejects: ${classes.join(', ')}`, ours, verdict: named ? 'agrees' : 'disagrees' };
}
