import { hasOwn } from '../core/ownProperties';

/**
 * Small shape checks for messages that cross between the extension host and a webview (both
 * directions are untrusted input to the other side). Own properties only, so `__proto__`,
 * `toString` and friends are never read from a prototype.
 */

/** Limits on what a webview may send. */
export const LIMITS = Object.freeze({ name: 256, value: 1_000_000, url: 4096, entries: 500 });

export type Check = (value: unknown) => boolean;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str =
  (max = Infinity): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
export const name: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.name;
export const bool: Check = (v) => typeof v === 'boolean';
export const int: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
export const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
export const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
export const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
export const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
export const arrayOf =
  (check: Check, max = Infinity): Check =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(check);
/** A map keyed by input names. Names such as `toString` or `__proto__` are allowed (a workflow may
 * declare them), so whoever reads one looks keys up with own-property checks only. */
export const dictOf =
  (check: Check, max = LIMITS.entries): Check =>
  (v) => {
    if (!isRecord(v)) return false;
    const keys = Object.getOwnPropertyNames(v);
    return keys.length <= max && keys.every((k) => k.length > 0 && k.length <= LIMITS.name && check(v[k]));
  };
export const json: Check = () => true; // any JSON value (it came through postMessage's structured clone)
/** Own properties only: `{"toString": …}` is an unknown key, and an absent field is never found on
 * the prototype. */
export const object =
  (shape: Record<string, Check>, exact = true): Check =>
  (v) => {
    if (!isRecord(v)) return false;
    if (exact && Object.getOwnPropertyNames(v).some((k) => !hasOwn(shape, k))) return false;
    return Object.entries(shape).every(([k, check]) => check(hasOwn(v, k) ? v[k] : undefined));
  };

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

export function describe(value: unknown): string {
  if (!isRecord(value)) return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return hasOwn(value, 'type') && typeof value.type === 'string' ? `"${value.type.slice(0, 40)}"` : 'an object without a type';
}

