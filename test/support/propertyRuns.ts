/**
 * How many cases a property test runs: `full` in the test suite, a tenth under mutation testing
 * (scripts/mutation.mjs sets PROPERTY_RUNS_SCALE), where the property tests cover every mutant of
 * the code they drive and each surviving one would cost the full count. A seeded test's cases are
 * then the first tenth of its full run's, so a mutant is judged on documents the suite also checks.
 */
export function propertyRuns(full: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE);
  return scale > 0 && scale < 1 ? Math.max(20, Math.round(full * scale)) : full;
}
