/**
 * A copy of a JSON value with `redactText` applied to every string, object keys included.
 * Walks with an explicit stack rather than recursion: a hostile server can send JSON nested far
 * deeper than the call stack allows, and `JSON.parse` accepts it.
 */
export function redactJson<T>(value: T, redactText: (text: string) => string): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value === null || typeof value !== 'object') return value;

  const rootCopy = emptyCopyOf(value);
  const pending: Array<[source: object, copy: unknown[] | Record<string, unknown>]> = [[value, rootCopy]];
  while (pending.length > 0) {
    const [source, copy] = pending.pop()!;
    const copyChild = (child: unknown): unknown => {
      if (typeof child === 'string') return redactText(child);
      if (child === null || typeof child !== 'object') return child;
      const childCopy = emptyCopyOf(child);
      pending.push([child, childCopy]);
      return childCopy;
    };
    if (Array.isArray(source)) {
      const target = copy as unknown[];
      for (let i = 0; i < source.length; i++) target[i] = copyChild(source[i]);
    } else {
      const target = copy as Record<string, unknown>;
      for (const [key, child] of Object.entries(source)) {
        // defineProperty, not assignment: a "__proto__" key from JSON must stay a plain key.
        Object.defineProperty(target, redactText(key), {
          value: copyChild(child),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return rootCopy as T;
}

function emptyCopyOf(value: object): unknown[] | Record<string, unknown> {
  return Array.isArray(value) ? new Array<unknown>(value.length) : {};
}
