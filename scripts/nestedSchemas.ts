/**
 * The nested schemas of block properties, read from the engine's describe answer: the query language
 * of `condition_statement` and `switch`, the `*_operations` pipelines, `lmm_config`, the consensus
 * aggregation modes. The catalog's field types call such a property "an object" (or a list of them);
 * the engine checks everything inside, so the compiled step schemas (scripts/build-schemas.mjs) use these.
 *
 * Only what validates is kept: the engine's documentation keys (kinds, titles, examples) are dropped,
 * and a key this does not know stops the update, so a new engine release cannot slip a rule past us.
 */

type JsonSchema = { [key: string]: unknown };

export interface NestedSchemas {
  /** Pydantic's definitions, by name, shared by every block that uses them. */
  $defs: Record<string, JsonSchema>;
  /** Per block type, per property, the property's schema; its `$ref`s name `#/$defs/…`. */
  properties: Record<string, Record<string, JsonSchema>>;
}

interface DescribedBlock {
  manifest_type_identifier: string;
  block_schema: { properties?: Record<string, JsonSchema>; $defs?: Record<string, JsonSchema> };
}

const SCHEMA_KEYS = ['properties', 'additionalProperties', 'items', 'not'];
const SCHEMA_LIST_KEYS = ['oneOf', 'anyOf', 'allOf'];
const VALUE_KEYS = ['type', 'required', 'enum', 'const', '$ref', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
/** Documentation and engine metadata: they change no verdict. */
const DROPPED_KEYS = new Set(['title', 'description', 'examples', 'default', 'input_kind', 'output_kind', 'operands_kinds', 'operands_number', 'compound', 'nested_operation_input_kind', 'nested_operation_output_kind',
  // Hints for Roboflow's workflow editor: which keys name inputs, that a field takes the query language.
  'keys_bound_in', 'uses_uql']);

/** `schema` with only what validates; throws on a key it does not know. */
export function trimSchema(schema: unknown, where: string): JsonSchema {
  if (schema === true || schema === false) return schema as unknown as JsonSchema;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error(`${where}: a schema must be an object, not ${JSON.stringify(schema)}`);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, property]) => [name, trimSchema(property, `${where}.${name}`)]));
    } else if (SCHEMA_KEYS.includes(key)) {
      out[key] = trimSchema(value, `${where}/${key}`);
    } else if (SCHEMA_LIST_KEYS.includes(key)) {
      out[key] = (value as unknown[]).map((alternative, i) => trimSchema(alternative, `${where}/${key}/${i}`));
    } else if (key === 'discriminator') {
      // The mapping repeats what each branch's `type` says; ajv reads only the property name.
      out.discriminator = { propertyName: (value as { propertyName: string }).propertyName };
    } else if (VALUE_KEYS.includes(key)) {
      out[key] = value;
    } else {
      throw new Error(`${where}: unknown schema key \`${key}\`; teach scripts/nestedSchemas.ts whether it validates`);
    }
  }
  return out;
}

function refersToDefinition(schema: unknown): boolean {
  return JSON.stringify(schema).includes('"$ref"');
}

/** Every property, of every described block, whose schema refers to a definition, and those definitions. */
export function nestedSchemas(described: { blocks: DescribedBlock[] }): NestedSchemas {
  const out: NestedSchemas = { $defs: {}, properties: {} };
  const blocks = [...described.blocks].sort((a, b) => a.manifest_type_identifier.localeCompare(b.manifest_type_identifier));
  for (const block of blocks) {
    const type = block.manifest_type_identifier;
    const nested = Object.entries(block.block_schema.properties ?? {}).filter(([, schema]) => refersToDefinition(schema));
    if (!nested.length) continue;
    out.properties[type] = Object.fromEntries(nested.sort(([a], [b]) => a.localeCompare(b)).map(([name, schema]) => [name, trimSchema(schema, `${type}.${name}`)]));
    for (const [name, definition] of Object.entries(block.block_schema.$defs ?? {})) {
      const trimmed = trimSchema(definition, `${type} $defs/${name}`);
      const known = out.$defs[name];
      if (known && JSON.stringify(known) !== JSON.stringify(trimmed)) throw new Error(`definition ${name} differs between blocks (${type}); shared definitions must agree`);
      out.$defs[name] = trimmed;
    }
  }
  out.$defs = Object.fromEntries(Object.entries(out.$defs).sort(([a], [b]) => a.localeCompare(b)));
  checkShapes(out);
  return out;
}

/** What src/core/schema/nestedSchemaAt.ts relies on to read the schemas in one step per level: a
 * definition is never only a reference, and a union's branches are never unions themselves. */
function checkShapes(schemas: NestedSchemas): void {
  const resolve = (schema: JsonSchema) => (typeof schema.$ref === 'string' ? schemas.$defs[schema.$ref.replace('#/$defs/', '')] : schema);
  for (const [name, definition] of Object.entries(schemas.$defs)) if ('$ref' in definition) throw new Error(`definition ${name} is only a reference`);
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${where}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    for (const key of ['oneOf', 'anyOf']) {
      for (const branch of ((node as JsonSchema)[key] as JsonSchema[] | undefined) ?? []) {
        const target = resolve(branch);
        if (target && ('oneOf' in target || 'anyOf' in target)) throw new Error(`${where}: a union inside a union; teach src/core/schema/nestedSchemaAt.ts to read it`);
      }
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${where}/${key}`);
  };
  visit(schemas, '');
}
