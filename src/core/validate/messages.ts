import type { FieldSpec } from '../catalog/types';
import { describeTargets } from '../selectors';
import { ownValue } from '../ownProperties';
import { quoteUserString } from '../text/secretText';

/** Human descriptions of what a field accepts, for messages that say how to fix a value. */

const LITERAL_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'an object',
  any: 'any value',
  null: '`null`',
};

/** A JSON type (or `any`) in words: `an integer`; a name it has no words for as it is. */
export function typeWords(type: string): string {
  return ownValue(LITERAL_WORDS, type) ?? type;
}

/** Enough values to choose from in a message; completions and fixes offer the rest. */
const LISTED_VALUES = 16;

/** Values in backticks, the first 16 of them and then how many there are in all. */
export function listedValues(values: readonly unknown[]): string {
  const listed = values.slice(0, LISTED_VALUES).map((v) => `\`${String(v)}\``).join(', ');
  return values.length > LISTED_VALUES ? `${listed}, … (${values.length} in all)` : listed;
}

export function describeAccepted(field: FieldSpec): string {
  const parts: string[] = [];
  for (const type of field.literalTypes) {
    if (type === 'enum') {
      const values = field.enumValues ?? [];
      parts.push(values.length <= 8 ? `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` : `one of ${values.length} allowed values`);
    } else parts.push(typeWords(type));
  }
  if (field.nullable) parts.push('`null`');
  if (field.selectorTargets.length) {
    const kinds = field.selectorKinds.length ? ` (kind ${field.selectorKinds.join(' or ')})` : '';
    // Containers only, when a single selector is not among them.
    const containers = field.containers.includes('single') ? [] : field.containers;
    const shape = describeTargets(field.selectorTargets);
    parts.push(containers.length ? `a ${containers.join(' or ')} of selectors ${shape}${kinds}` : `a selector ${shape}${kinds}`);
  }
  return parts.length ? parts.join(', or ') : 'a value';
}

export function describeValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${quoteUserString(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function quoteList(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

/**
 * A name outside the selector grammar (letters, digits, `_`, `-`): the engine accepts it, and even
 * resolves `$inputs.my model` where a property also takes plain text, but selector-only properties
 * refuse such selectors, and a dot in the name breaks every reference.
 */
export function unreferenceableNameMessage(what: 'Input' | 'Step', name: string, prefix: string): string {
  return `${what} name ${JSON.stringify(name)} has characters other than letters, digits, \`_\` and \`-\`: properties that take only selectors refuse \`${prefix}${name}\`${name.includes('.') ? ', and the dot breaks it everywhere' : ''}. Rename it with letters, digits, \`_\` and \`-\`.`;
}
