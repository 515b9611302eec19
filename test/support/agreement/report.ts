import type { AgreementResult, AgreementRun } from './run';

/** Counts per group: disagreements covered by an exception are counted apart from the open ones. */
export interface Tally {
  total: number;
  agree: number;
  linterOnly: number;
  engineOnly: number;
  wrongCode: number;
  excepted: number;
}

const KEY = { 'linter-only': 'linterOnly', 'engine-only': 'engineOnly', 'wrong-code': 'wrongCode' } as const;

export function tally(results: readonly AgreementResult[]): Tally {
  const t: Tally = { total: 0, agree: 0, linterOnly: 0, engineOnly: 0, wrongCode: 0, excepted: 0 };
  for (const r of results) {
    t.total++;
    if (r.outcome === 'agree') t.agree++;
    else if (r.exception) t.excepted++;
    else t[KEY[r.outcome]]++;
  }
  return t;
}

/** Agreement counting excepted disagreements as agreement (they are deliberate). */
export const agreementAfterExceptions = (t: Tally) => (t.total ? (t.agree + t.excepted) / t.total : 1);
export const rawAgreement = (t: Tally) => (t.total ? t.agree / t.total : 1);

export function openDisagreements(results: readonly AgreementResult[]): AgreementResult[] {
  return results.filter((r) => r.outcome !== 'agree' && !r.exception);
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** The table printed by `npm run agreement` and pasted into the README. */
export function formatTable(results: readonly AgreementResult[]): string {
  const groups = new Map<string, AgreementResult[]>();
  for (const r of results) (groups.get(r.subject.kind) ?? groups.set(r.subject.kind, []).get(r.subject.kind)!).push(r);
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, list]) => [kind, tally(list)] as const);
  rows.push(['all', tally(results)]);
  const header = ['kind', 'total', 'agree', 'linter-only', 'engine-only', 'wrong-code', 'excepted', 'raw', 'after exceptions'];
  const lines = rows.map(([kind, t]) => [kind, t.total, t.agree, t.linterOnly, t.engineOnly, t.wrongCode, t.excepted, pct(rawAgreement(t)), pct(agreementAfterExceptions(t))].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [row(header), `|${widths.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...lines.map(row)].join('\n');
}

export function formatSpeed(run: AgreementRun): string {
  const n = run.results.length;
  const rate = (ms: number) => (ms > 0 ? `${Math.round((n / ms) * 1000)} definitions/s` : '-');
  return `linter: ${rate(run.lintMs)} (${(run.lintMs / 1000).toFixed(1)} s for ${n}); engine: ${rate(run.engineMs)} (${(run.engineMs / 1000).toFixed(1)} s wall clock, the linter running alongside)`;
}

/** The Pydantic text behind a WorkflowSyntaxError: which property of which entry failed. */
function innerError(r: AgreementResult): string | undefined {
  const inner = r.verdict.ok ? undefined : r.verdict.body?.inner_error_message;
  return typeof inner === 'string' ? inner.slice(0, 2000) : undefined;
}

/** One disagreement, as written to .test-run/agreement.json. */
export function describeDisagreement(r: AgreementResult) {
  return {
    id: r.subject.id,
    kind: r.subject.kind,
    variant: r.subject.variant,
    base: r.subject.base,
    label: r.subject.label,
    outcome: r.outcome,
    exception: r.exception?.id,
    engine: r.verdict.ok ? 'accepts' : { error_type: r.verdict.error_type, message: r.verdict.message, inner: innerError(r) },
    linter: r.errors,
    definition: r.subject.definition,
  };
}

/** Counts of open disagreements by outcome, engine class and linter codes: where to look first. */
export function summarizeOpen(results: readonly AgreementResult[]): { pattern: string; count: number; example: string }[] {
  const counts = new Map<string, { count: number; example: string }>();
  for (const r of openDisagreements(results)) {
    const pattern = `${r.outcome} | ${r.subject.kind}/${r.subject.variant} | engine ${r.engineClass ?? 'accepts'} | linter ${r.linterCodes.join(',') || 'none'}`;
    const entry = counts.get(pattern) ?? { count: 0, example: r.subject.id };
    entry.count++;
    counts.set(pattern, entry);
  }
  return [...counts.entries()].map(([pattern, v]) => ({ pattern, ...v })).sort((a, b) => b.count - a.count);
}
