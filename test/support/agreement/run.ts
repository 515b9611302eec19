import type { Catalog } from '../../../src/core/catalog/catalog';
import type { Finding } from '../../../src/core/findings';
import { lintWorkflow } from '../../../src/core/lint';
import type { EngineCompiler, EngineVerdict } from '../engine';
import { matchException, type AgreementException } from './exceptions';
import { judge, type Judgement } from './judge';
import type { Subject } from './subjects';

export interface AgreementResult extends Judgement {
  subject: Subject;
  /** The linter's errors, for the disagreement list. */
  errors: Pick<Finding, 'code' | 'message'>[];
  verdict: EngineVerdict;
  exception?: AgreementException;
}

export interface AgreementRun {
  results: AgreementResult[];
  /** Milliseconds the linter spent, summed over definitions. */
  lintMs: number;
  /** Wall-clock milliseconds from the first definition sent to the engine to its last answer. */
  engineMs: number;
}

/** Definitions in flight to the engine at once: enough to keep it busy while the linter works. */
const WINDOW = 32;

/**
 * Judges each subject with the linter (as the editor and CLI run it: lintWorkflow, bundled
 * catalog) and with the real engine (one persistent bridge), overlapping the two.
 */
export async function runAgreement(subjects: Iterable<Subject>, catalog: Catalog, engine: EngineCompiler, exceptions: readonly AgreementException[], onResult?: (r: AgreementResult) => void): Promise<AgreementRun> {
  // The bridge imports the engine (seconds) before its first answer: keep that out of the timing.
  await engine.compile({});
  const results: AgreementResult[] = [];
  const pending: { subject: Subject; errors: Finding[]; findings: Finding[]; verdict: Promise<EngineVerdict> }[] = [];
  let lintMs = 0;
  let engineStarted: number | undefined;
  let engineEnded = 0;

  const settle = async () => {
    const next = pending.shift()!;
    const verdict = await next.verdict;
    engineEnded = performance.now();
    const judgement = judge(next.findings, verdict);
    const result: AgreementResult = {
      ...judgement,
      subject: next.subject,
      errors: next.errors.map((f) => ({ code: f.code, message: f.message })),
      verdict,
      exception: matchException(exceptions, next.subject, judgement),
    };
    results.push(result);
    onResult?.(result);
  };

  for (const subject of subjects) {
    engineStarted ??= performance.now();
    const verdict = engine.compile(subject.definition);
    const started = performance.now();
    const findings = lintWorkflow(subject.text, catalog).findings;
    lintMs += performance.now() - started;
    pending.push({ subject, findings, errors: findings.filter((f) => f.severity === 'error'), verdict });
    if (pending.length >= WINDOW) await settle();
  }
  while (pending.length) await settle();
  return { results, lintMs, engineMs: engineStarted === undefined ? 0 : engineEnded - engineStarted };
}
