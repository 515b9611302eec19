import type { Catalog } from '../catalog/catalog';
import type { FieldSpec } from '../catalog/types';
import type { OffsetRange } from '../findings';
import { rank, type CompletionKind, type LanguageCompletion } from './completionItem';
import { INPUT_TYPE_DOCS } from './inputTypes';

/** Where a value goes: inside a string already (`inString`: insert its characters), or not (insert JSON). */
export interface ValueSite {
  range: OffsetRange;
  inString: boolean;
  /** What is typed before the cursor (inside the string, or of the literal). */
  typed: string;
}

interface Choice {
  value: string | number | boolean | null;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  deprecated?: boolean;
}

/** Choices as completions: inside a string only string values fit, and only what matches the typed text. */
function choices(list: readonly Choice[], site: ValueSite): LanguageCompletion[] {
  const typed = site.typed.toLowerCase();
  const fitting = list.filter((c) => (site.inString ? typeof c.value === 'string' : true));
  return fitting
    .filter((c) => (site.inString ? String(c.value) : JSON.stringify(c.value)).toLowerCase().includes(typed))
    .map((c, index) => {
      const text = site.inString ? String(c.value) : JSON.stringify(c.value);
      return { label: typeof c.value === 'string' ? c.value : JSON.stringify(c.value), kind: c.kind, detail: c.detail, documentation: c.documentation, sortText: rank(index), insertText: text, snippet: false, filterText: text, range: site.range, deprecated: c.deprecated };
    });
}

/** A step property's enum values, or `true`/`false`, with its default marked. */
export function fieldValueCompletions(field: FieldSpec, site: ValueSite): LanguageCompletion[] {
  const values = [...(field.enumValues ?? []), ...(field.literalTypes.includes('boolean') ? [true, false] : [])];
  return choices(values.map((value) => ({ value, kind: 'value', detail: field.default === value ? 'default' : undefined })), site);
}

/** Values a place inside a nested property takes (its enum, a union's `type`s, `true`/`false`). */
export function nestedValueCompletions(values: readonly (string | boolean)[], site: ValueSite): LanguageCompletion[] {
  return choices(values.map((value) => ({ value, kind: 'value' })), site);
}

export function inputTypeCompletions(site: ValueSite): LanguageCompletion[] {
  return choices(INPUT_TYPE_DOCS.map((d) => ({ value: d.type, kind: 'inputType', documentation: d.documentation, deprecated: d.deprecated, detail: d.deprecated ? 'deprecated' : undefined })), site);
}

// Kinds: every kind a block takes or returns, once per catalog.
const kindLists = new WeakMap<Catalog, string[]>();

/** The kinds an input may declare: those the catalog's blocks take or return. */
export function kindCompletions(catalog: Catalog, site: ValueSite): LanguageCompletion[] {
  let kinds = kindLists.get(catalog);
  if (!kinds) {
    const all = new Set<string>();
    for (const block of catalog.data.blocks) {
      for (const field of block.fields) for (const k of field.selectorKinds) all.add(k);
      for (const output of block.outputs) for (const k of output.kinds) all.add(k);
    }
    kinds = [...all].sort((a, b) => Number(a === '*') - Number(b === '*') || a.localeCompare(b));
    kindLists.set(catalog, kinds);
  }
  return choices(kinds.map((value) => ({ value, kind: 'kind', detail: value === '*' ? 'any kind' : undefined })), site);
}

/** `version`: `1.0` runs on any 1.x engine; the catalog's engine version asks for at least that one. */
export function versionCompletions(catalog: Catalog, site: ValueSite): LanguageCompletion[] {
  const list: Choice[] = [{ value: '1.0', kind: 'version', detail: 'any Execution Engine 1.x', documentation: 'The server picks its engine if it satisfies `>=1.0,<2`.' }];
  if (catalog.engineVersion && catalog.engineVersion !== '1.0') {
    list.push({ value: catalog.engineVersion, kind: 'version', detail: 'the catalog\'s engine', documentation: `Refused by servers whose engine is older than ${catalog.engineVersion}.` });
  }
  return choices(list, site);
}
