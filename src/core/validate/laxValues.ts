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
  // JavaScript's Number reads the rest as Python's float does (spaces around, signs, "nan" as NaN), once
  // infinity is spelt out in full.
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) return { value: Number(value.replace(/_/g, '').replace(/inf(?:inity)?/i, 'Infinity')) };
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

/** The values Pydantic would convert `value` to, one for each of `types` (JSON type names) it converts to. */
export function laxConversions(value: unknown, types: readonly string[]): Converted[] {
  return types.flatMap((type) => ownValue(CONVERTERS, type)?.(value) ?? []);
}
