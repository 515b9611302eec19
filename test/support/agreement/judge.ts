import type { Finding } from '../../../src/core/findings';
import { ENGINE_ERROR_CODES } from '../corpus';
import type { EngineVerdict } from '../engine';

/**
 * Agreement between the linter and the engine on one definition: the linter reports an error
 * exactly when the engine refuses to compile, and when both refuse, one of the linter's error
 * codes names the engine's error class.
 */
export type Outcome = 'agree' | 'linter-only' | 'engine-only' | 'wrong-code';

export interface Judgement {
  outcome: Outcome;
  /** The engine's error class, when it refused. */
  engineClass?: string;
  engineMessage?: string;
  /** The Pydantic text behind a WorkflowSyntaxError (which property of which entry failed). */
  engineDetail?: string;
  /** Distinct codes of the linter's errors (warnings and hints never count as a refusal). */
  linterCodes: string[];
}

export function errorCodes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();
}

/** Linter codes that name an engine error class; an unknown class is named by nothing. */
export function codesNaming(engineClass: string): readonly string[] {
  return ENGINE_ERROR_CODES[engineClass] ?? [];
}

export function judge(findings: readonly Finding[], verdict: EngineVerdict): Judgement {
  const linterCodes = errorCodes(findings);
  if (verdict.ok) return { outcome: linterCodes.length ? 'linter-only' : 'agree', linterCodes };
  const inner = verdict.body?.inner_error_message;
  const refused = { engineClass: verdict.error_type, engineMessage: verdict.message, engineDetail: typeof inner === 'string' ? inner : undefined, linterCodes };
  if (!linterCodes.length) return { outcome: 'engine-only', ...refused };
  const named = codesNaming(verdict.error_type).some((code) => linterCodes.includes(code));
  return { outcome: named ? 'agree' : 'wrong-code', ...refused };
}
