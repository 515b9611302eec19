import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';

/** A JSON-pointer segment as the key it names (`~1` is `/`, `~0` is `~`). */
export const unescapeSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The deepest document node an ajv error's instancePath names. */
export function nodeForInstancePath(root: Node, instancePath: string): Node {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map(unescapeSegment)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) return node;
  }
  return root;
}

/** ajv errors grouped by the top-level property they concern ('' for the object itself). */
export function groupByProperty(errors: readonly ErrorObject[]): Map<string, ErrorObject[]> {
  const groups = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const property = unescapeSegment(error.instancePath.slice(1).split('/')[0]);
    const list = groups.get(property);
    if (list) list.push(error);
    else groups.set(property, [error]);
  }
  return groups;
}

/** Of a group of errors, the one pointing deepest into the value (the narrowest range). */
export function deepestError(errors: readonly ErrorObject[]): ErrorObject {
  return errors.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best));
}
