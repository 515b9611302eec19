import type { FieldSpec } from '../catalog/types';

/** Characters a snippet would read as syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A snippet choice among `texts` (written as they are). */
export function choice(texts: readonly string[]): string {
  return `\${1|${texts.map((t) => t.replace(/[\\,|]/g, (c) => `\\${c}`)).join(',')}|}`;
}

/**
 * The value a new property starts with, shaped like what the field takes: a choice of its enum
 * values or of `true`/`false` (its default first), its default or `0` for numbers, `""`, `[]`,
 * `{}`, or `"$"` for a field that takes only selectors (so selector completion follows).
 */
export function valueSnippet(field: FieldSpec): string {
  const types = field.literalTypes;
  const hasDefault = field.default !== null && field.default !== undefined;
  if (field.enumValues?.length) {
    const values = field.enumValues.filter((v) => v !== null);
    const ordered = values.includes(field.default as never) ? [field.default, ...values.filter((v) => v !== field.default)] : values;
    // Strings inside one pair of quotes; a JSON string escape is left as written.
    if (ordered.length && ordered.every((v) => typeof v === 'string')) return `"${choice(ordered.map((v) => JSON.stringify(v).slice(1, -1)))}"`;
    if (ordered.length) return choice(ordered.map((v) => JSON.stringify(v)));
  }
  if (types.includes('boolean')) return choice(field.default === false ? ['false', 'true'] : ['true', 'false']);
  if (!types.length && field.selectorTargets.length) {
    if (field.containers.includes('single')) return '"\\$$1"';
    return field.containers.includes('list') ? '["\\$$1"]' : '{$1}';
  }
  if (types.includes('integer') || types.includes('number')) return `\${1:${typeof field.default === 'number' ? field.default : 0}}`;
  if (types.includes('string')) return typeof field.default === 'string' && field.default ? `"\${1:${escapeSnippet(field.default)}}"` : '"$1"';
  if (types.includes('array')) return '[$1]';
  if (types.includes('object')) return '{$1}';
  return hasDefault ? `\${1:${escapeSnippet(JSON.stringify(field.default))}}` : '"$1"';
}
