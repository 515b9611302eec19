/** Enough of PEP 440 to decide what the engine decides: parse, then compare release numbers. */
const PEP440 = /^\s*v?(\d+(?:\.\d+)*)(?:[-_.]?(?:a|b|rc|alpha|beta|c|pre|preview)[-_.]?\d*)?(?:[-_.]?post[-_.]?\d*|-\d+)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\s*$/i;

export type Version = number[];

export function parseVersion(text: string): Version | undefined {
  const match = PEP440.exec(text);
  return match ? match[1].split('.').map(Number) : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** A PEP 440 local version label (`1.0+abc`): allowed in a version, refused in a `>=` requirement. */
export function hasLocalLabel(text: string): boolean {
  return /\+/.test(text);
}
