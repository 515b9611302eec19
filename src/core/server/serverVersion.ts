/**
 * Orders inference server versions as Python does (PEP 440): `0.51.10` < `1.3.7.dev1` <
 * `1.3.7rc1` < `1.3.7` < `1.3.7.post1` < `1.8.3`. Enough of the grammar for what servers report
 * (`/info`'s `version`); anything else is "not understood" rather than guessed at.
 */

export interface ParsedVersion {
  epoch: number;
  /** Release numbers without trailing zeros (`1.3.0` and `1.3` are equal). */
  release: number[];
  /** a/b/rc as 0/1/2, and its number. */
  pre?: [number, number];
  post?: number;
  dev?: number;
}

const PEP440 = new RegExp(
  [
    String.raw`^v?(?:(?<epoch>\d+)!)?(?<release>\d+(?:\.\d+)*)`,
    String.raw`(?<pre>[-_.]?(?<prePhase>alpha|a|beta|b|rc|c|preview|pre)[-_.]?(?<preNumber>\d+)?)?`,
    String.raw`(?<post>-(?<implicitPost>\d+)|[-_.]?(?:post|rev|r)[-_.]?(?<postNumber>\d+)?)?`,
    String.raw`(?<dev>[-_.]?dev[-_.]?(?<devNumber>\d+)?)?`,
    String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$`,
  ].join(''),
  'i',
);

const PRE_PHASE: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/** The version, or undefined when it is not PEP 440. */
export function parseVersion(text: string): ParsedVersion | undefined {
  const groups = PEP440.exec(text.trim())?.groups;
  if (!groups) return undefined;
  const release = groups.release.split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const parsed: ParsedVersion = { epoch: Number(groups.epoch ?? 0), release };
  if (groups.pre !== undefined) parsed.pre = [PRE_PHASE[groups.prePhase.toLowerCase()], Number(groups.preNumber ?? 0)];
  if (groups.post !== undefined) parsed.post = Number(groups.implicitPost ?? groups.postNumber ?? 0);
  if (groups.dev !== undefined) parsed.dev = Number(groups.devNumber ?? 0);
  return parsed;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareNumbers(a[i] ?? 0, b[i] ?? 0);
    if (order !== 0) return order;
  }
  return 0;
}

/** PEP 440's sort key, past the release: a dev-only release comes before the pre-releases. */
function suffixKey(version: ParsedVersion): number[] {
  const pre = version.pre ?? (version.post === undefined && version.dev !== undefined ? [-Infinity, 0] : [Infinity, 0]);
  return [pre[0], pre[1], version.post ?? -Infinity, version.dev ?? Infinity];
}

/** Negative, zero or positive, like a sort comparator. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  const order = compareNumbers(a.epoch, b.epoch) || compareRelease(a.release, b.release);
  if (order !== 0) return order;
  const [ka, kb] = [suffixKey(a), suffixKey(b)];
  for (let i = 0; i < ka.length; i++) {
    const part = compareNumbers(ka[i], kb[i]);
    if (part !== 0) return part;
  }
  return 0;
}

/** True or false when both are understood; undefined when either is not. */
export function isOlderThan(version: string, minimum: string): boolean | undefined {
  const [a, b] = [parseVersion(version), parseVersion(minimum)];
  return a && b ? compareVersions(a, b) < 0 : undefined;
}
