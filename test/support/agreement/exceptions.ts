import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repoRoot';
import type { Judgement, Outcome } from './judge';
import type { Subject } from './subjects';

/**
 * Deliberate differences between the linter and the engine (engine/agreement-exceptions.json).
 * Every condition given must hold for an exception to cover a disagreement; each has a reason.
 */
export interface AgreementException {
  id: string;
  /** One outcome, or several (an engine-only reason becomes wrong-code when the linter also finds another problem). */
  outcome: Exclude<Outcome, 'agree'> | Exclude<Outcome, 'agree'>[];
  /** Mutation kind (or `corpus` / `example`). */
  kind?: string;
  /** Regular expression on the mutation variant. */
  variant?: string;
  engineClass?: string;
  /** Regular expression on the engine's message. */
  engineMessage?: string;
  /** Regular expression on the engine's inner error (the Pydantic text of a WorkflowSyntaxError). */
  engineDetail?: string;
  /** Every error code the linter reported is one of these (for errors the linter reports on purpose). */
  linterCodesOnly?: string[];
  /** The linter reported at least one of these (for engine crashes whose class names nothing). */
  linterCodesInclude?: string[];
  reason: string;
}

export const EXCEPTIONS_FILE = path.join(repoRoot(), 'engine/agreement-exceptions.json');

export function loadExceptions(file = EXCEPTIONS_FILE): AgreementException[] {
  if (!fs.existsSync(file)) return [];
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { exceptions?: AgreementException[] };
  const exceptions = data.exceptions ?? [];
  for (const e of exceptions) if (!e.id || !e.outcome || !e.reason) throw new Error(`${file}: every exception needs id, outcome and reason (${JSON.stringify(e)})`);
  return exceptions;
}

export function matchException(exceptions: readonly AgreementException[], subject: Subject, judgement: Judgement): AgreementException | undefined {
  if (judgement.outcome === 'agree') return undefined;
  return exceptions.find(
    (e) =>
      [e.outcome].flat().includes(judgement.outcome as Exclude<Outcome, 'agree'>) &&
      (e.kind === undefined || e.kind === subject.kind) &&
      (e.variant === undefined || new RegExp(e.variant).test(subject.variant)) &&
      (e.engineClass === undefined || e.engineClass === judgement.engineClass) &&
      (e.engineMessage === undefined || new RegExp(e.engineMessage).test(judgement.engineMessage ?? '')) &&
      (e.engineDetail === undefined || new RegExp(e.engineDetail).test(judgement.engineDetail ?? '')) &&
      (e.linterCodesOnly === undefined || (judgement.linterCodes.length > 0 && judgement.linterCodes.every((c) => e.linterCodesOnly!.includes(c)))) &&
      (e.linterCodesInclude === undefined || judgement.linterCodes.some((c) => e.linterCodesInclude!.includes(c))),
  );
}
