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

/**
 * The full count while the code the property judges (`folder`) is mutated, a tenth otherwise. A
 * property that compares two paths through shared code (incremental against full lint) cannot tell a
 * mutant in that shared code from the original, as both paths run it; there it only costs time.
 * scripts/mutation.mjs names the mutated files in MUTATED_PATHS (comma-separated); unset, the full count.
 */
export function propertyRunsJudging(full: number, folder: string): number {
  const mutated = process.env.MUTATED_PATHS;
  if (mutated === undefined) return full;
  const touches = mutated.split(',').some((entry) => {
    const file = entry.replace(/:\d.*$/, '');
    return file.startsWith(folder) || folder.startsWith(file.replace(/\/?\*.*$/, ''));
  });
  return touches ? full : propertyRuns(full);
}
