import type { ErrorObject } from 'ajv';
import type { Catalog } from '../catalog/catalog';

/**
 * Schema verdicts per step text: a keystroke changes one step, so re-validation reuses every other
 * step's verdict instead of rebuilding and re-checking its value. Verdicts depend only on the
 * block's schema and the step's text, so the text is the key (per catalog). Bounded: a full cache
 * is dropped rather than grown.
 */
const MAX_ENTRIES = 20_000;
const caches = new WeakMap<Catalog, Map<string, readonly ErrorObject[] | null>>();

export function cachedVerdict(catalog: Catalog, key: string): readonly ErrorObject[] | null | undefined {
  return caches.get(catalog)?.get(key);
}

export function rememberVerdict(catalog: Catalog, key: string, errors: readonly ErrorObject[] | null): void {
  let cache = caches.get(catalog);
  if (!cache) caches.set(catalog, (cache = new Map()));
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, errors);
}
