import type { ValidateFunction } from 'ajv';
import { ownValue } from '../ownProperties';
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
