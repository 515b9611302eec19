/**
 * How many cases a property test runs: `full` in the test suite, a tenth under mutation testing
 * (scripts/mutation.mjs sets PROPERTY_RUNS_SCALE), where the property tests cover every mutant of
 * the code they drive and each surviving one would cost the full count; the seeded cases are a
 * prefix of the full run's, so a mutant is judged on the same documents.
 */
export function propertyRuns(full: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE);
  return scale > 0 && scale < 1 ? Math.max(20, Math.round(full * scale)) : full;
}
