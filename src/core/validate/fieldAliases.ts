import type { FieldSpec } from '../catalog/types';

/**
 * A second spelling of a field (`image` for `images`) written next to the field's own name: the
 * engine (Pydantic's AliasChoices) reads the name and ignores the other spelling entirely.
 */
export function shadowedAlias(property: string, field: FieldSpec, present: ReadonlySet<string>): boolean {
  return property !== field.name && present.has(field.name);
}
