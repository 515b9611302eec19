import { constantValues, type NestedSchema } from '../schema/nestedSchemaAt';
import { rank, type LanguageCompletion } from './completionItem';
import type { KeySite } from './propertyCompletions';
import { nestedValueCompletions, type ValueSite } from './valueCompletions';
import { choice, escapeSnippet } from './valueSnippets';

/**
 * Completions inside a property with the engine's nested schema (the query language, operation
 * pipelines, `lmm_config`): the keys the object at the cursor takes, the values a key there takes.
 */

/** The engine's constants and enums are strings (its `type` tags, modes, names). */
type Value = string | boolean;
const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** The values the place takes: constants and enums of every shape it may have, `true` and `false` for a boolean. */
export function nestedValues(schemas: readonly NestedSchema[]): Value[] {
  return unique(schemas.flatMap((s) => [...(constantValues(s) as Value[]), ...(s.type === 'boolean' ? [true, false] : [])]));
}

/** The `type` values of a union of objects, when every shape names its own (the query language's unions). */
function unionTags(schemas: readonly NestedSchema[]): string[] | undefined {
  const tags = schemas.map((s) => constantValues(s.properties?.type) as string[]);
  return schemas.length > 0 && tags.every((t) => t.length > 0) ? unique(tags.flat()) : undefined;
}

/** The value a new key starts with: an object naming its `type` (a choice when several), a choice of values, or an empty value of its type. */
export function nestedValueSnippet(schemas: readonly NestedSchema[]): string {
  const tags = unionTags(schemas);
  const inString = (text: string) => JSON.stringify(text).slice(1, -1);
  if (tags) return `{ "type": "${tags.length === 1 ? escapeSnippet(inString(tags[0])) : choice(tags.map(inString))}"$0 }`;
  const values = nestedValues(schemas);
  if (values.length && values.every((v) => typeof v === 'string')) return `"${choice(values.map((v) => inString(v as string)))}"`;
  if (values.length) return choice(values.map((v) => JSON.stringify(v)));
  const all = schemas.map((s) => s.type);
  if (all.includes('array')) return '[$1]';
  if (all.includes('object')) return '{$1}';
  if (all.includes('integer') || all.includes('number')) return '${1:0}';
  if (all.includes('string')) return '"$1"';
  return '$1';
}

/** Keys the object at the cursor may still take: required ones first, each with a value of its shape. */
export function nestedKeyCompletions(objectSchemas: readonly NestedSchema[], schemasOfKey: (key: string) => NestedSchema[], present: ReadonlySet<string>, site: KeySite): LanguageCompletion[] {
  const keys = unique(objectSchemas.flatMap((s) => Object.keys(s.properties ?? {}))).filter((k) => !present.has(k));
  const isRequired = (key: string) => objectSchemas.some((s) => s.required?.includes(key));
  const ordered = [...keys.filter(isRequired), ...keys.filter((k) => !isRequired(k))];
  return ordered.map((key, index) => {
    const quoted = JSON.stringify(key);
    return {
      label: key,
      kind: 'property',
      detail: isRequired(key) ? 'required' : 'optional',
      sortText: rank(index),
      insertText: (site.withValue ? `${quoted}: ${nestedValueSnippet(schemasOfKey(key))}` : quoted) + (site.needsComma ? ',' : ''),
      snippet: true,
      filterText: quoted,
      range: site.range,
    };
  });
}

export function nestedValueCompletionsAt(schemas: readonly NestedSchema[], site: ValueSite): LanguageCompletion[] {
  return nestedValueCompletions(nestedValues(schemas), site);
}
