/**
 * Lookups on plain objects keyed by text from a file, a server or a webview. `obj[key]` and
 * `key in obj` also see `Object.prototype` (`toString`, `constructor`, `__proto__`), so a key such
 * as `"toString"` would find a function where a table entry was expected. Every lookup of an
 * untrusted key goes through these instead.
 */

/** The object's own property `key` (never one inherited from its prototype). */
export function hasOwn(record: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** `record[key]` when `key` is the object's own property, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** An object with no prototype, for maps keyed by untrusted names (`__proto__` is a plain key in it). */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
