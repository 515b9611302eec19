import { ownValue } from '../ownProperties';
/**
 * Pydantic's lax mode, which the engine parses definitions in: some values of the wrong JSON type
 * are converted rather than refused ("0.5" to a number, 1 to true, "3" or 3.0 to an integer).
 * Those definitions compile, so they are worth a warning, never an error. Strings are never made
 * from numbers, and containers are never converted.
 */

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);
const INTEGER_TEXT = /^\s*[+-]?\d+(?:_\d+)*(?:\.0*)?\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i;

type Converted = { value: number | boolean };

function toInteger(value: unknown): Converted | undefined {
  if (typeof value === 'boolean') return { value: value ? 1 : 0 };
  if (typeof value === 'number' && Number.isInteger(value)) return { value };
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return { value: Math.trunc(Number(value.replace(/_/g, ''))) };
  return undefined;
}

function toNumber(value: unknown): Converted | undefined {
  if (typeof value === 'boolean') return { value: value ? 1 : 0 };
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) {
    const text = value.trim().replace(/_/g, '').toLowerCase();
    const sign = text.startsWith('-') ? -1 : 1;
    const bare = text.replace(/^[+-]/, '');
    return { value: bare.startsWith('inf') ? sign * Infinity : bare === 'nan' ? NaN : Number(text) };
  }
  return undefined;
}

function toBoolean(value: unknown): Converted | undefined {
  if (value === 0 || value === 1) return { value: value === 1 };
  if (typeof value === 'string') {
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return { value: true };
    if (FALSE_WORDS.has(word)) return { value: false };
  }
  return undefined;
}

const CONVERTERS: Record<string, (value: unknown) => Converted | undefined> = { integer: toInteger, number: toNumber, boolean: toBoolean };

/** The value Pydantic would convert `value` to for one of `types` (JSON type names), if any. */
export function laxConversions(value: unknown, types: readonly string[]): Converted[] {
  const out: Converted[] = [];
  for (const type of types) {
    const converted = ownValue(CONVERTERS, type)?.(value);
    if (converted && !out.some((c) => Object.is(c.value, converted.value))) out.push(converted);
  }
  return out;
}
