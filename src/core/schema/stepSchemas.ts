import type { ValidateFunction } from 'ajv';
import { ownValue } from '../ownProperties';
import nestedProperties from './generated/nestedProperties.json';
import validators from './generated/validators';

/** Block and input schemas compiled at build time by ajv's standalone mode (scripts/build-schemas.mjs). */
export function stepValidator(blockType: string): ValidateFunction | undefined {
  return ownValue(validators, blockType);
}

export function inputValidator(inputType: string): ValidateFunction | undefined {
  return ownValue(validators, `input:${inputType}`);
}

export function outputValidator(): ValidateFunction {
  return validators['output']!;
}

/** Whether the block's property is checked by the engine's own nested schema (the query language,
 * `lmm_config`…), so that its errors lie inside the value rather than in its shape. */
export function hasNestedSchema(blockType: string, property: string): boolean {
  return ownValue<string[]>(nestedProperties, blockType)?.includes(property) ?? false;
}
