import { getNodePath, getNodeValue, type Node } from 'jsonc-parser';
import { hasOwn } from '../ownProperties';
import { constantValues, nestedSchemasAt, type NestedSchema } from '../schema/nestedSchemaAt';
import { hasNestedSchema } from '../schema/stepSchemas';
import type { WorkflowStep } from '../model/workflow';
import { listedValues, typeWords } from '../validate/messages';

/**
 * Hover on a key inside a property with the engine's nested schema (a condition, an operation
 * pipeline, `lmm_config`): whether the structure requires it, and what it takes.
 */

/** What a place takes, from the shapes it may have. */
function takes(schemas: readonly NestedSchema[]): string {
  const tags = schemas.map((s) => constantValues(s.properties?.type));
  if (tags.every((t) => t.length > 0)) return tags.length === 1 ? `an object whose \`type\` is ${listedValues(tags[0])}` : `an object whose \`type\` is one of ${listedValues(tags.flat())}`;
  const values = schemas.flatMap(constantValues);
  if (values.length) return `one of ${listedValues(values)}`;
  const words = [...new Set(schemas.map((s) => typeWords(s.type ?? 'any')))];
  return words.join(' or ');
}

/** The hover text for `key`, a key node inside `step`'s value, or undefined outside a nested property. */
export function nestedKeyMarkdown(step: WorkflowStep, key: Node): string | undefined {
  const valueOfKey = key.parent?.children?.[1];
  if (!valueOfKey) return undefined;
  const [, , property, ...segments] = getNodePath(valueOfKey);
  if (!step.block || typeof property !== 'string' || !segments.length || !hasNestedSchema(step.block.type, property)) return undefined;
  // The step's property this key lies in, as written here (a property written twice has two values).
  let top = key;
  while (top.parent !== step.node) top = top.parent!;
  const value: unknown = getNodeValue(top.children![1]);
  const name = String(segments[segments.length - 1]);
  const objects = nestedSchemasAt(step.block.type, property, segments.slice(0, -1), value);
  // Every shape the key may take, not only the one its `type` names: read it with the key's value left out
  // (`value` is this hover's own copy).
  const parent = segments.slice(0, -1).reduce<unknown>((v, s) => (v as Record<string, unknown>)[s], value) as Record<string, unknown>;
  delete parent[name];
  const schemas = nestedSchemasAt(step.block.type, property, segments, value);
  if (!schemas.length) return undefined;
  // A key of the user's own (the names of a per-key operations map) is neither required nor optional.
  const named = objects.some((o) => hasOwn(o.properties ?? {}, name));
  const need = named ? (objects.some((o) => o.required?.includes(name)) ? 'required; ' : 'optional; ') : '';
  return `**\`${name}\`** in \`${property}\`: ${need}takes ${takes(schemas)}.`;
}
