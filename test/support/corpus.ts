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

/**
 * Which of our finding codes name what each engine error class names. Each entry is what the real
 * engine answers for those findings (npm run agreement): the engine reports the most specific
 * class, so WorkflowDefinitionError itself only means an unparsable `version`, and every Pydantic
 * failure of the document (sections, inputs, steps) is one WorkflowSyntaxError.
 */
export const ENGINE_ERROR_CODES: Record<string, string[]> = {
  DuplicatedNameError: ['duplicate-name'],
  // Cycles, references to missing outputs of a step, a `$steps.<step>` where no flow control is
  // accepted, duplicate flow-control targets, batches where one value is expected, a batch input
  // of dimensionality below one.
  ExecutionGraphStructureError: ['cycle', 'unknown-step-output', 'selector-not-allowed', 'duplicate-flow-target', 'batch-not-accepted', 'invalid-dimensionality'],
  // Output selectors are plain strings: a malformed one is looked up, and not found.
  InvalidReferenceTargetError: ['unknown-input', 'unknown-step', 'unknown-step-output', 'invalid-selector'],
  // A step output where only steps are accepted (`next_steps: ["$steps.det.predictions"]`) fails the kind check.
  ReferenceTypeError: ['kind-mismatch', 'selector-not-allowed'],
  WorkflowSyntaxError: ['missing-section', 'wrong-type', 'unknown-input-type', 'invalid-dimensionality', 'missing-property', 'unknown-block-type', 'missing-required-field', 'invalid-value', 'invalid-selector'],
  WorkflowDefinitionError: ['invalid-version'],
  // packaging refuses a local version (`1.0+abc`) in the `>=` requirement the engine builds from it.
  InvalidSpecifier: ['invalid-version'],
  // A `steps` entry that is not an object (the inner-workflow normaliser looks at entries first).
  InnerWorkflowInvalidStepEntryError: ['wrong-type'],
  StepInputDimensionalityError: ['dimensionality-mismatch'],
  // The one BlockInterfaceError a document causes: no batch where the block takes its output depth from.
  BlockInterfaceError: ['dimensionality-mismatch'],
  StepInputLineageError: ['lineage-mismatch'],
  ControlFlowDefinitionError: ['control-flow-lineage'],
  // The one AssumptionError a document causes: a step with no batch, gated by conditions on two batches of one depth.
  AssumptionError: ['control-flow-lineage'],
  DynamicBlockError: ['dynamic-block-invalid'],
  NotSupportedExecutionEngineError: ['unsupported-version'],
};

export type Verdict = 'agrees' | 'disagrees' | 'unrecorded';

/**
 * What the real engine answers for each corpus definition as stored: `accepts` or its error class.
 * Recorded from the engine by `npm run agreement -- --record-corpus`; the engine test checks the
 * record against the engine, so it cannot go stale unnoticed.
 */
export const ENGINE_VERDICTS_FILE = path.join(repoRoot(), 'test/fixtures/corpus-engine-verdicts.json');

export interface RecordedVerdicts {
  engine: string;
  verdicts: Record<string, string>;
}

export function recordedEngineVerdicts(file = ENGINE_VERDICTS_FILE): RecordedVerdicts {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedVerdicts;
}

export interface CorpusOutcome {
  entry: CorpusEntry;
  /** What the engine does with the stored definition: `accepts` or `rejects: <class>`. */
  engine: string;
  ours: string;
  verdict: Verdict;
}

export function evaluate(entry: CorpusEntry, findings: Finding[], recorded: Record<string, string> = recordedEngineVerdicts().verdicts): CorpusOutcome {
  const codes = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))];
  const ours = codes.length ? codes.join(', ') : 'no errors';
  const answer = recorded[entry.file];
  if (answer === undefined) return { entry, engine: 'not recorded', ours, verdict: 'unrecorded' };
  if (answer === 'accepts') return { entry, engine: 'accepts', ours, verdict: codes.length ? 'disagrees' : 'agrees' };
  const named = (ENGINE_ERROR_CODES[answer] ?? []).some((code) => codes.includes(code));
  return { entry, engine: `rejects: ${answer}`, ours, verdict: named ? 'agrees' : 'disagrees' };
}
