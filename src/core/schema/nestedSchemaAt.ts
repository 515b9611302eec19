import nested from '../catalog/data/nested-schemas.json';
import { ownValue } from '../ownProperties';

/**
 * Reads the engine's nested property schemas (src/core/catalog/data/nested-schemas.json, written by
 * `npm run catalog:update`) along a path inside a value, for completions: which keys an object of
 * the query language takes, which values a `type` or an enum there takes.
 */

export interface NestedSchema {
  type?: string;
  properties?: Record<string, NestedSchema>;
  required?: string[];
  items?: NestedSchema;
  additionalProperties?: NestedSchema | boolean;
  enum?: unknown[];
  const?: unknown;
  oneOf?: NestedSchema[];
  anyOf?: NestedSchema[];
  $ref?: string;
  discriminator?: { propertyName: string };
}

const data = nested as { $defs: Record<string, NestedSchema>; properties: Record<string, Record<string, NestedSchema>> };

/** A definition a `$ref` names (Pydantic's definitions are never references themselves). */
function resolved(schema: NestedSchema): NestedSchema {
  return schema.$ref ? (ownValue(data.$defs, schema.$ref.replace('#/$defs/', '')) ?? {}) : schema;
}

/** A JSON value's own member, or undefined for a scalar or a missing key. */
function member(value: unknown, key: string | number): unknown {
  return typeof value === 'object' && value !== null ? ownValue(value as Record<string, unknown>, String(key)) : undefined;
}

/** The values a schema's property takes as its constant or enum (a union branch's `type`). */
export function constantValues(schema: NestedSchema | undefined): unknown[] {
  if (!schema) return [];
  return 'const' in schema ? [schema.const] : (schema.enum ?? []);
}

/**
 * The shapes `value` may take under `schema`: every branch of a union, or only the branch its `type`
 * names when it names one (unless `type` is what is being completed, `nextKey`).
 */
function alternatives(schema: NestedSchema, value: unknown, nextKey: string | number | undefined): NestedSchema[] {
  const s = resolved(schema);
  const branches = s.oneOf ?? s.anyOf;
  // The engine's unions hold objects and scalars, never other unions: one level.
  if (!branches) return [s];
  const all = branches.map(resolved);
  const tag = s.discriminator?.propertyName;
  if (!tag || tag === nextKey) return all;
  const named = all.filter((branch) => constantValues(ownValue(branch.properties ?? {}, tag)).includes(member(value, tag)));
  return named.length ? named : all;
}

function child(schema: NestedSchema, key: string | number): NestedSchema | undefined {
  if (typeof key === 'number') return schema.items;
  const additional = schema.additionalProperties;
  return ownValue(schema.properties ?? {}, key) ?? (typeof additional === 'object' ? additional : undefined);
}

/**
 * The schemas that may apply at `path` inside a block property's value, given the value as written:
 * none where the property has no nested schema or the path leads outside it.
 */
export function nestedSchemasAt(blockType: string, property: string, path: readonly (string | number)[], propertyValue: unknown): NestedSchema[] {
  const root = ownValue(ownValue(data.properties, blockType) ?? {}, property);
  if (!root) return [];
  let value = propertyValue;
  let candidates = alternatives(root, value, path[0]);
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    value = member(value, key);
    candidates = candidates.flatMap((schema) => {
      const next = child(schema, key);
      return next ? alternatives(next, value, path[i + 1]) : [];
    });
  }
  return candidates;
}
