import { hasOwn, ownValue } from '../ownProperties';
import { isBlockSpec } from './blockShape';
import type { BatchSpec, BlockSpec, CredentialFieldSpec, FieldSpec, LiteralType, SelectorContainer, SelectorTarget } from './types';

/**
 * Turns a server's `POST /workflows/blocks/describe` answer into catalog blocks, so a
 * self-hosted server's custom blocks (or a newer Roboflow release) are one refresh away.
 * Block schemas there are Pydantic JSON Schemas whose selector alternatives carry
 * `reference: true`, `selected_element` and `kind`.
 */

type JsonSchema = Record<string, unknown> & {
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  type?: string | string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  const?: unknown;
};

interface DescribedBlock {
  manifest_type_identifier: string;
  manifest_type_identifier_aliases?: string[];
  human_friendly_block_name?: string;
  block_schema: JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[]; $defs?: Record<string, JsonSchema>; definitions?: Record<string, JsonSchema> };
  outputs_manifest?: { name: string; kind?: (string | { name: string })[] }[];
  execution_engine_compatibility?: string | null;
  input_dimensionality_offsets?: Record<string, number>;
  dimensionality_reference_property?: string | null;
  output_dimensionality_offset?: number;
}

export interface DescribeResponse {
  blocks: DescribedBlock[];
}

const kindName = (k: string | { name: string }) => (typeof k === 'string' ? k : k.name);

function resolve(schema: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return {}; // a malformed property schema accepts anything
  if (typeof schema.$ref === 'string') return ownValue(defs, schema.$ref.split('/').pop()!) ?? {};
  return schema;
}

function alternatives(schema: JsonSchema, defs: Record<string, JsonSchema>, depth = 0): JsonSchema[] {
  const s = resolve(schema, defs);
  const nested = s.anyOf ?? s.oneOf ?? s.allOf;
  if (Array.isArray(nested) && depth < 8) return nested.flatMap((n) => alternatives(n, defs, depth + 1));
  return [s];
}

function toField(name: string, schema: JsonSchema, required: boolean, defs: Record<string, JsonSchema>): FieldSpec {
  const field: FieldSpec = { name, required, selectorKinds: [], selectorTargets: [], containers: [], literalTypes: [], nullable: false };
  const addSelector = (alt: JsonSchema, container: SelectorContainer) => {
    field.selectorKinds.push(...((alt.kind as (string | { name: string })[] | undefined) ?? []).map(kindName));
    field.selectorTargets.push(((alt.selected_element as string | undefined) ?? 'any_data') as SelectorTarget);
    field.containers.push(container);
  };
  for (const alt of alternatives(schema, defs)) {
    // A list or dict whose elements may be selectors: `List[Selector]`, or `Dict[str, Union[Selector, str, …]]`.
    const items = alt.items ? alternatives(alt.items, defs) : [];
    const values = typeof alt.additionalProperties === 'object' ? alternatives(alt.additionalProperties, defs) : [];
    const selectorItems = items.filter((i) => i.reference === true);
    const selectorValues = values.filter((v) => v.reference === true);
    if (alt.reference === true) addSelector(alt, 'single');
    else if (selectorItems.length) {
      for (const item of selectorItems) addSelector(item, 'list');
      if (selectorItems.length < items.length) field.literalTypes.push('array');
    } else if (selectorValues.length) {
      for (const value of selectorValues) addSelector(value, 'dict');
      if (selectorValues.length < values.length) field.literalTypes.push('object');
    } else if (alt.enum || hasOwn(alt, 'const')) {
      field.literalTypes.push('enum');
      field.enumValues = [...(field.enumValues ?? []), ...((alt.enum ?? [alt.const]) as FieldSpec['enumValues'] & unknown[])];
    } else {
      const types = Array.isArray(alt.type) ? alt.type : alt.type ? [alt.type] : ['any'];
      for (const t of types) {
        if (t === 'null') field.nullable = true;
        else field.literalTypes.push((['string', 'integer', 'number', 'boolean', 'array', 'object'].includes(t) ? t : 'any') as LiteralType);
      }
    }
  }
  field.selectorKinds = [...new Set(field.selectorKinds)];
  field.selectorTargets = [...new Set(field.selectorTargets)];
  field.containers = [...new Set(field.containers)];
  field.literalTypes = [...new Set(field.literalTypes)];
  if (hasOwn(schema, 'default')) field.default = schema.default;
  if (schema.private === true) field.private = true;
  return field;
}

const CREDENTIAL_KINDS = ['secret', 'ROBOFLOW_MANAGED_KEY', 'roboflow_api_key'];
/** Fields named as credentials are credentials even when a block forgets `private` and the `secret`
 * kind (`password` on the OPC and MQTT writers); `max_tokens` and friends are not. */
const CREDENTIAL_NAME = /(^|_)(api_key|password|token|auth_token|account_sid|access_key_id|secret_access_key)$/;

/** Why a field holds a credential: declared private, a credential kind, or its name; none if it does not. */
function credentialReasons(field: FieldSpec): string[] {
  const reasons = field.private ? ['private_field'] : [];
  reasons.push(...field.selectorKinds.filter((k) => CREDENTIAL_KINDS.includes(k)).map((k) => `kind:${k}`));
  if (CREDENTIAL_NAME.test(field.name) && field.literalTypes.some((t) => t === 'string' || t === 'any')) reasons.push('name');
  return reasons;
}

function toBlock(described: DescribedBlock): BlockSpec {
  const schema = described.block_schema;
  const defs = { ...(schema.definitions ?? {}), ...(schema.$defs ?? {}) };
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== 'type' && name !== 'name')
    // A property schema that is not an object (malformed) is read as "accepts anything".
    .map(([name, property]) => toField(name, typeof property === 'object' && property !== null ? property : {}, required.has(name), defs));
  const outputs = (described.outputs_manifest ?? []).map((o) => ({ name: o.name, kinds: (o.kind ?? []).map(kindName) }));
  const credentialFields: CredentialFieldSpec[] = fields
    .map((f) => ({ field: f, reasons: credentialReasons(f) }))
    .filter(({ reasons }) => reasons.length > 0)
    .map(({ field: f, reasons }) => ({
      name: f.name,
      required: f.required,
      acceptsRoboflowManagedKey: f.selectorKinds.includes('ROBOFLOW_MANAGED_KEY'),
      ...(typeof f.default === 'string' ? { default: f.default } : {}),
      reasons,
    }));
  // The describe answer has no batch-parameter lists: leave batch acceptance open rather than guess.
  const dimensionality: BatchSpec = {
    outputOffset: described.output_dimensionality_offset ?? 0,
    acceptsBatchInput: false,
    batchParameters: [],
    batchOrScalarParameters: [],
    autoBatchCasting: [],
    ...(Object.keys(described.input_dimensionality_offsets ?? {}).length ? { inputOffsets: described.input_dimensionality_offsets } : {}),
    ...(described.dimensionality_reference_property ? { referenceProperty: described.dimensionality_reference_property } : {}),
  };
  return {
    type: described.manifest_type_identifier,
    aliases: Array.isArray(described.manifest_type_identifier_aliases) ? described.manifest_type_identifier_aliases.filter((a) => typeof a === 'string') : [],
    humanName: described.human_friendly_block_name ?? (schema.name as string | undefined) ?? described.manifest_type_identifier,
    description: (schema.short_description as string | undefined) ?? (schema.description as string | undefined) ?? '',
    blockType: (schema.block_type as string | undefined) ?? 'unknown',
    fields,
    outputs,
    dynamicOutputs: !outputs.length || outputs.some((o) => o.name === '*'),
    modelIdFields: fields.filter((f) => f.selectorKinds.includes('roboflow_model_id')).map((f) => f.name),
    credentialFields,
    usesRequestApiKey: false,
    ...(described.execution_engine_compatibility ? { compatibility: described.execution_engine_compatibility } : {}),
    dimensionality,
  };
}

/** A block, or undefined when the server's entry is malformed in a way the converter cannot read. */
function toBlockOrSkip(described: DescribedBlock): BlockSpec | undefined {
  if (typeof described?.manifest_type_identifier !== 'string' || !described.manifest_type_identifier) return undefined;
  if (typeof described.block_schema !== 'object' || described.block_schema === null) return undefined;
  try {
    const block = toBlock(described);
    return isBlockSpec(block) ? block : undefined;
  } catch {
    return undefined; // e.g. `outputs_manifest` or `required` of the wrong JSON type
  }
}

/** Blocks of a describe answer; malformed entries are skipped rather than failing the refresh. */
export function blocksFromDescribe(response: unknown): BlockSpec[] {
  const blocks = (response as DescribeResponse | undefined)?.blocks;
  if (!Array.isArray(blocks)) throw new Error('The server\'s block description has no `blocks` list.');
  return blocks.map(toBlockOrSkip).filter((b): b is BlockSpec => !!b);
}
