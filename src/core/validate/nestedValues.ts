import type { ErrorObject } from 'ajv';
import type { Node } from 'jsonc-parser';
import type { Finding, OffsetRange } from '../findings';
import { rangeOf, valueNode } from '../parse/tree';
import { nearest } from '../text/nearest';
import { conversionFinding } from './convertedValues';
import { suggestionFixes } from './fixes';
import { laxConversions } from './laxValues';
import { describeValue, listedValues, typeWords } from './messages';
import { nodeForInstancePath, unescapeSegment } from './schemaErrors';

/**
 * Values inside a property with a nested schema (the query language of `condition_statement`, the
 * `*_operations` pipelines, `lmm_config`): each problem is reported where it is, in the words of the
 * structure (`statements[0].comparator.type`), not as "this property takes an object".
 */

/** Keywords about what an object or list holds: the place to underline is inside the object. */
const ABOUT_CONTENTS = new Set(['required', 'minItems']);

const COMPARISON_WORDS: Record<string, string> = { '>=': 'at least', '<=': 'at most' };

const segmentsBelow = (instancePath: string) => instancePath.split('/').slice(2).map(unescapeSegment);

/** `statements[0].comparator.type`, from the segments below the property. */
function pathWords(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][\w-]*$/.test(s) ? `${i ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`)).join('');
}

/** The value an error's path names: every step of an ajv error's path exists in the value it judged. */
function valueAt(value: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((current, s) => (current as Record<string, unknown>)[s], value);
}

function withValueAt(value: unknown, segments: readonly string[], replacement: unknown): unknown {
  if (!segments.length) return replacement;
  const [head, ...rest] = segments;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  copy[head] = withValueAt(copy[head], rest, replacement);
  return copy;
}

/** What is wrong, in words, for the errors ajv gives at one place (the first one decides which kind). */
export function problemText(errors: readonly ErrorObject[], value: unknown): string {
  const first = errors[0];
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'required':
      return `is missing \`${String(params.missingProperty)}\``;
    case 'type': {
      // A union of types gives one error per type, then the union's own (which has no type).
      const types = [...new Set(errors.filter((e) => e.keyword === 'type').flatMap((e) => String((e.params as { type: string }).type).split(',')))];
      return `takes ${types.map(typeWords).join(' or ')}, not ${describeValue(value)}`;
    }
    case 'enum':
      return `takes one of ${listedValues(params.allowedValues as unknown[])}, not ${describeValue(value)}`;
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

/** The place named in a message: the path below the property, in the words of the structure. */
function subject(instancePath: string, where: string): string {
  const segments = segmentsBelow(instancePath);
  return segments.length ? `\`${pathWords(segments)}\` in ${where}` : where;
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
 * (`"450"` for an integer) are converted first, and get a warning each; what is still wrong then gets
 * an error each, one per place.
 * `errors` are this property's errors as validated; `validate(value)` gives them again for the step value
 * with the property replaced, once values are converted.
 */
export function nestedValueFindings(where: string, stepNode: Node, propertyValue: unknown, propertyErrors: readonly ErrorObject[], validate: (value: unknown) => readonly ErrorObject[]): Finding[] {
  const findings: Finding[] = [];
  let current = propertyValue;
  let errors = propertyErrors;
  // Each value of the wrong type that converts, once per place; then what is still wrong.
  const converted = new Map<string, { from: unknown; to: number | boolean }>();
  for (const error of errors) {
    const segments = segmentsBelow(error.instancePath);
    const from = valueAt(current, segments);
    const [to] = laxConversions(from, [String((error.params as { type?: string }).type)]);
    if (!to || converted.has(error.instancePath)) continue;
    converted.set(error.instancePath, { from, to: to.value });
    current = withValueAt(current, segments, to.value);
  }
  if (converted.size) errors = validate(current);
  for (const [instancePath, { from, to }] of converted) {
    findings.push(conversionFinding(subject(instancePath, where), from, to, nodeForInstancePath(stepNode, instancePath)));
  }
  const byPlace = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    // A discriminator's verdict always comes with the `type` enum or `required` error that says it better
    // (scripts/build-schemas.mjs adds them).
    if (error.keyword === 'discriminator') continue;
    const list = byPlace.get(error.instancePath) ?? [];
    list.push(error);
    byPlace.set(error.instancePath, list);
  }
  for (const [instancePath, group] of byPlace) {
    const segments = segmentsBelow(instancePath);
    const value = valueAt(current, segments);
    const node = nodeForInstancePath(stepNode, instancePath);
    const range = anchor(node, group[0].keyword);
    const fixes = group[0].keyword === 'enum' && typeof value === 'string' ? suggestionFixes(range, nearest(value, (group[0].params as { allowedValues: string[] }).allowedValues)) : [];
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `${subject(instancePath, where)} ${problemText(group, value)}.${fixes.length ? ` Did you mean ${JSON.stringify(fixes[0].title.slice('Change to '.length))}?` : ''}`,
      range,
      fixes,
    });
  }
  return findings;
}
