import type { BlockSpec } from './types';

/**
 * Checks that catalog blocks read from outside (a cached server description, possibly written by
 * another version of the extension or damaged) have every property the validator reads, so a bad
 * block is dropped instead of breaking validation.
 */

type Value = Record<string, unknown>;

const isObject = (v: unknown): v is Value => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

function isField(v: unknown): boolean {
  return (
    isObject(v) &&
    isString(v.name) &&
    typeof v.required === 'boolean' &&
    isStringList(v.selectorKinds) &&
    isStringList(v.selectorTargets) &&
    isStringList(v.containers) &&
    isStringList(v.literalTypes) &&
    typeof v.nullable === 'boolean' &&
    optional(v.aliases, isStringList) &&
    optional(v.enumValues, Array.isArray)
  );
}

const isOutput = (v: unknown) => isObject(v) && isString(v.name) && isStringList(v.kinds);

const isCredentialField = (v: unknown) =>
  isObject(v) && isString(v.name) && typeof v.required === 'boolean' && typeof v.acceptsRoboflowManagedKey === 'boolean' && isStringList(v.reasons);

function isBatchSpec(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.outputOffset === 'number' &&
    typeof v.acceptsBatchInput === 'boolean' &&
    isStringList(v.batchParameters) &&
    isStringList(v.batchOrScalarParameters) &&
    isStringList(v.autoBatchCasting) &&
    optional(v.inputOffsets, (o) => isObject(o) && Object.values(o).every((n) => typeof n === 'number')) &&
    optional(v.referenceProperty, isString)
  );
}

export function isBlockSpec(v: unknown): v is BlockSpec {
  return (
    isObject(v) &&
    isString(v.type) &&
    v.type.length > 0 &&
    isStringList(v.aliases) &&
    isString(v.humanName) &&
    isString(v.description) &&
    isString(v.blockType) &&
    Array.isArray(v.fields) &&
    v.fields.every(isField) &&
    Array.isArray(v.outputs) &&
    v.outputs.every(isOutput) &&
    typeof v.dynamicOutputs === 'boolean' &&
    isStringList(v.modelIdFields) &&
    Array.isArray(v.credentialFields) &&
    v.credentialFields.every(isCredentialField) &&
    typeof v.usesRequestApiKey === 'boolean' &&
    optional(v.compatibility, isString) &&
    optional(v.enterprise, (e) => typeof e === 'boolean') &&
    optional(v.dimensionality, isBatchSpec)
  );
}

/** The well-formed blocks of a list read from outside; anything else yields none. */
export function usableBlocks(value: unknown): BlockSpec[] {
  return Array.isArray(value) ? value.filter(isBlockSpec) : [];
}
