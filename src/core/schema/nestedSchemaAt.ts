import nested from '../catalog/data/nested-schemas.json';
import { ownValue } from '../ownProperties';

/**
 * Reads the engine's nested property schemas (src/core/catalog/data/nested-schemas.json, written by
 * `npm run catalog:update`) along a path inside a value, for completions: which keys an object of
 * the query language takes, which values a `type` or an enum there takes.
 */

export interface NestedSchema {
  type?: string | string[];
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
/** Unions inside unions are few and shallow; this bounds a malformed file's cycles. */
const MAX_UNION_DEPTH = 8;

function resolved(schema: NestedSchema): NestedSchema {
  for (let hops = 0; schema.$ref && hops < MAX_UNION_DEPTH; hops++) schema = ownValue(data.$defs, schema.$ref.replace('#/$defs/', '')) ?? {};
  return schema;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values a schema's property takes as its constant or enum (a union branch's `type`). */
export function constantValues(schema: NestedSchema | undefined): unknown[] {
  if (!schema) return [];
  return 'const' in schema ? [schema.const] : (schema.enum ?? []);
}

/**
 * The shapes `value` may take under `schema`: every branch of a union, or only the branch its `type`
 * names when it names one (unless `type` is what is being completed, `nextKey`).
 */
function alternatives(schema: NestedSchema, value: unknown, nextKey: string | number | undefined, depth = 0): NestedSchema[] {
  const s = resolved(schema);
  const branches = s.oneOf ?? s.anyOf;
  if (!branches || depth >= MAX_UNION_DEPTH) return [s];
  const all = branches.flatMap((branch) => alternatives(branch, value, nextKey, depth + 1));
  const tag = s.discriminator?.propertyName;
  if (!tag || tag === nextKey || !isRecord(value)) return all;
  const named = all.filter((branch) => constantValues(ownValue(branch.properties ?? {}, tag)).includes(value[tag]));
  return named.length ? named : all;
}

function child(schema: NestedSchema, key: string | number): NestedSchema | undefined {
  if (typeof key === 'number') return schema.items;
  return ownValue(schema.properties ?? {}, key) ?? (isRecord(schema.additionalProperties) ? schema.additionalProperties : undefined);
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
    value = Array.isArray(value) && typeof key === 'number' ? value[key] : isRecord(value) && typeof key === 'string' ? ownValue(value, key) : undefined;
    candidates = candidates.flatMap((schema) => {
      const next = child(schema, key);
      return next ? alternatives(next, value, path[i + 1]) : [];
    });
  }
  return candidates;
}
