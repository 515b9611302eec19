import type { FieldSpec } from '../catalog/types';
import type { Provider } from './providers';

/** Names for the inputs that replace credentials written in the document. */

/** Lower-case, and only characters a `$inputs.` selector can reference. */
export function selectorSafeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** `openai` + `api_key` → `openai_api_key`; field names that already name their service
 * (`openai_api_key`, `slack_token`, `aws_access_key_id`) are kept. */
export function credentialInputBaseName(provider: Provider, field: string, entryKey?: string): string {
  const tail = selectorSafeName(entryKey ?? field) || 'secret';
  const prefix = provider.inputPrefix;
  return tail === prefix || tail.startsWith(`${prefix}_`) ? tail : `${prefix}_${tail}`;
}

// The next suffix to try per base, per set of taken names: keeps many same-provider names linear.
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/** `base`, or `base_2`, `base_3`… — the first not in `taken`; the chosen name is added to it. */
export function uniqueName(base: string, taken: Set<string>): string {
  let counters = nextSuffix.get(taken);
  if (!counters) nextSuffix.set(taken, (counters = new Map()));
  let name = base;
  let n = counters.get(base) ?? 2;
  if (taken.has(name)) {
    while (taken.has((name = `${base}_${n}`))) n++;
    counters.set(base, n + 1);
  }
  taken.add(name);
  return name;
}

/** Kinds for a new `WorkflowParameter` that carries a credential into this field. `secret` masks
 * the value wherever an output echoes it; the engine rejects a selector whose kinds share nothing
 * with the field's, so fields that do not take `secret` (webhook headers) also get `string`. */
export function credentialInputKinds(field: FieldSpec | undefined): string[] {
  const accepted = field?.selectorKinds ?? [];
  if (accepted.length === 0 || accepted.includes('secret') || accepted.includes('*')) return ['secret'];
  return ['secret', accepted.includes('string') ? 'string' : accepted[0]];
}
