/** "Did you mean" suggestions: edit distance with a cutoff, so we suggest a few close names and
 * never a list of everything. */

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** Comparable core of a block id: `roboflow_core/object_detection_model@v2` → `object_detection_model`. */
function stem(name: string): string {
  return name.toLowerCase().replace(/^[a-z_]+\//, '').replace(/@v\d+$/, '').replace(/[-_\s]/g, '');
}

export function nearest(query: string, candidates: Iterable<string>, max = 3): string[] {
  const q = query.toLowerCase();
  const qs = stem(query);
  const limit = Math.max(2, Math.floor(qs.length / 3));
  const scored: { name: string; score: number; full: number }[] = [];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    const full = editDistance(q, lower, q.length);
    let score = Math.min(full, editDistance(qs, stem(name), limit));
    if (score > limit && qs.length >= 4 && stem(name).includes(qs)) score = limit; // a prefix or fragment
    if (score <= limit) scored.push({ name, score, full });
  }
  // Ties go to the spelling closest to what was typed (so a namespaced id suggests namespaced ids).
  scored.sort((a, b) => a.score - b.score || a.full - b.full || a.name.length - b.name.length || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((s) => s.name);
}
