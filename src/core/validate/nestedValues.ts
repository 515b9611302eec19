import type { ErrorObject } from 'ajv';
import type { Node } from 'jsonc-parser';
import type { Finding, OffsetRange } from '../findings';
import { rangeOf, valueNode } from '../parse/tree';
import { nearest } from '../text/nearest';
import { conversionFinding } from './convertedValues';
import { suggestionFixes } from './fixes';
import { laxConversions } from './laxValues';
import { describeValue } from './messages';
import { nodeForInstancePath, unescapeSegment } from './schemaErrors';

/**
 * Values inside a property with a nested schema (the query language of `condition_statement`, the
 * `*_operations` pipelines, `lmm_config`): each problem is reported where it is, in the words of the
 * structure (`statements[0].comparator.type`), not as "this property takes an object".
 */

/** Errors that only explain another at the same place: a union with no matching branch. */
const EXPLAINING = new Set(['anyOf', 'oneOf']);
/** Keywords about what an object or list holds, which only nested schemas have. */
const ABOUT_CONTENTS = new Set(['required', 'minItems']);

const TYPE_WORDS: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: '`true` or `false`', array: 'a list', object: 'an object', null: '`null`' };
const COMPARISON_WORDS: Record<string, string> = { '>=': 'at least', '<=': 'at most' };
/** Enough values to choose from in a message; the rest come as completions and fixes. */
const LISTED_VALUES = 16;

const segmentsBelow = (instancePath: string) => instancePath.split('/').slice(2).map(unescapeSegment);

/** An error about something inside the property's value, rather than about the value as a whole. */
export function isNestedError(error: ErrorObject): boolean {
  return segmentsBelow(error.instancePath).length > 0 || ABOUT_CONTENTS.has(error.keyword);
}

/** `statements[0].comparator.type`, from the segments below the property. */
function pathWords(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][\w-]*$/.test(s) ? `${i ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`)).join('');
}

function valueAt(value: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((current, s) => (typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[s] : undefined), value);
}

function withValueAt(value: unknown, segments: readonly string[], replacement: unknown): unknown {
  if (!segments.length) return replacement;
  const [head, ...rest] = segments;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  copy[head] = withValueAt(copy[head], rest, replacement);
  return copy;
}

function problem(errors: readonly ErrorObject[], value: unknown): string {
  const first = errors[0];
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'required':
      return `is missing \`${String(params.missingProperty)}\``;
    case 'type': {
      const types = [...new Set(errors.filter((e) => e.keyword === 'type').flatMap((e) => String((e.params as { type: string }).type).split(',')))];
      return `takes ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${describeValue(value)}`;
    }
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const listed = allowed.slice(0, LISTED_VALUES).map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ');
      return `takes one of ${listed}${allowed.length > LISTED_VALUES ? `, … (${allowed.length} in all)` : ''}, not ${describeValue(value)}`;
    }
    case 'minItems': {
      const limit = Number(params.limit);
      return `needs at least ${limit} ${limit === 1 ? 'item' : 'items'}`;
    }
    // The engine's nested schemas have no other bounds (scripts/nestedSchemas.ts keeps any new one, and
    // ajv's own words describe it).
    case 'minimum':
    case 'maximum':
      return `takes a number ${COMPARISON_WORDS[String(params.comparison)]} ${String(params.limit)}, not ${describeValue(value)}`;
    default:
      return `is refused: it ${String(first.message)}`;
  }
}

/** Where to underline a problem with an object's contents: its `type` when it has one, else its key
 * (or its opening brace, in a list), rather than the whole object. */
function anchor(node: Node, keyword: string): OffsetRange {
  if (!ABOUT_CONTENTS.has(keyword) || node.type !== 'object') return rangeOf(node);
  const type = valueNode(node, 'type');
  if (type) return rangeOf(type);
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? rangeOf(key) : { offset: node.offset, length: 1 };
}

/**
 * Findings for one property's nested errors. Values of the wrong JSON type that Pydantic converts
 * (`"450"` for an integer) are converted first, deepest first, and get a warning each; what is still
 * wrong then gets an error each, one per place.
 * `validate(value)` gives the errors of this property for the step value with the property replaced.
 */
export function nestedValueFindings(where: string, stepNode: Node, propertyValue: unknown, validate: (value: unknown) => readonly ErrorObject[]): Finding[] {
  const findings: Finding[] = [];
  let current = propertyValue;
  let errors = validate(current);
  const converted = new Set<string>();
  for (;;) {
    const convertible = errors.find((e) => e.keyword === 'type' && segmentsBelow(e.instancePath).length && !converted.has(e.instancePath) && laxConversions(valueAt(current, segmentsBelow(e.instancePath)), [String((e.params as { type: string }).type)]).length);
    if (!convertible) break;
    const segments = segmentsBelow(convertible.instancePath);
    const original = valueAt(current, segments);
    const [to] = laxConversions(original, [String((convertible.params as { type: string }).type)]);
    converted.add(convertible.instancePath);
    current = withValueAt(current, segments, to.value);
    errors = validate(current);
    findings.push(conversionFinding(`\`${pathWords(segments)}\` in ${where}`, original, to.value, nodeForInstancePath(stepNode, convertible.instancePath)));
  }
  const byPlace = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    // A discriminator's verdict always comes with the `type` enum or `required` error that says it better
    // (scripts/build-schemas.mjs adds them).
    if (error.keyword === 'discriminator') continue;
    if (EXPLAINING.has(error.keyword) && errors.some((e) => !EXPLAINING.has(e.keyword) && e.instancePath === error.instancePath)) continue;
    const list = byPlace.get(error.instancePath) ?? [];
    list.push(error);
    byPlace.set(error.instancePath, list);
  }
  for (const [instancePath, group] of byPlace) {
    const segments = segmentsBelow(instancePath);
    const value = valueAt(current, segments);
    const node = nodeForInstancePath(stepNode, instancePath);
    const range = anchor(node, group[0].keyword);
    const allowed = group[0].keyword === 'enum' ? ((group[0].params as { allowedValues: unknown[] }).allowedValues.filter((v) => typeof v === 'string') as string[]) : [];
    const fixes = typeof value === 'string' && allowed.length ? suggestionFixes(range, nearest(value, allowed)) : [];
    const subject = segments.length ? `\`${pathWords(segments)}\` in ${where}` : where;
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `${subject} ${problem(group, value)}.${fixes.length ? ` Did you mean ${JSON.stringify(fixes[0].title.slice('Change to '.length))}?` : ''}`,
      range,
      fixes,
    });
  }
  return findings;
}
