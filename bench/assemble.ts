import type { CorpusEntry } from '../test/support/corpus';

interface Definition {
  version: string;
  inputs: { name: string }[];
  steps: { name: string }[];
  outputs: { name: string; selector: string }[];
  [key: string]: unknown;
}

/** Rewrites every `$inputs.x` / `$steps.s` inside a value to the namespaced names. */
function rename(value: unknown, prefix: string): unknown {
  if (typeof value === 'string') return value.replace(/^\$(inputs|steps)\.([A-Za-z_0-9-]+)/, (_, section, name) => `$${section}.${prefix}${name}`);
  if (Array.isArray(value)) return value.map((v) => rename(v, prefix));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, prefix)]));
  return value;
}

/**
 * A document of exactly `stepCount` steps assembled from real corpus definitions: each copy is
 * namespaced (`w3_det`), so every reference stays valid and the result validates cleanly.
 */
export function assembleWorkflow(sources: CorpusEntry[], stepCount: number): string {
  const parsed = sources.map((s) => JSON.parse(s.text) as Definition).filter((d) => d.steps.length <= stepCount);
  const result: Definition = { version: '1.0', inputs: [], steps: [], outputs: [] };
  let copy = 0;
  while (result.steps.length < stepCount) {
    const room = stepCount - result.steps.length;
    const fitting = parsed.filter((d) => d.steps.length <= room);
    const source = fitting[copy % fitting.length];
    const prefix = `w${copy++}_`;
    result.inputs.push(...source.inputs.map((i) => ({ ...i, name: prefix + i.name })));
    result.steps.push(...source.steps.map((s) => ({ ...(rename(s, prefix) as object), name: prefix + s.name })));
    result.outputs.push(...source.outputs.map((o) => ({ ...o, name: prefix + o.name, selector: rename(o.selector, prefix) as string })));
  }
  return JSON.stringify(result, null, 2);
}
