#!/usr/bin/env node
// Derives the project's own block catalog from the facts extracted from roboflow/inference
// (blocks.json, blocks_enterprise.json, model_aliases.json). The output is committed so that a
// clone needs nothing outside itself; re-run this when a new Roboflow release is extracted.
//   node scripts/generate-catalog.mjs [path/to/shared/roboflow]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(process.argv[2] ?? path.join(here, '../../shared/roboflow'));
const outFile = path.join(here, '../src/core/catalog/data/core-catalog.json');

// Batch and dimensionality facts, extracted from the engine's block manifests (see scripts/data/).
const dimensionality = JSON.parse(fs.readFileSync(path.join(here, 'data/block-dimensionality.json'), 'utf8')).blocks;

function toDimensionality(type) {
  const d = dimensionality[type];
  if (!d) return undefined;
  const out = {
    outputOffset: d.outputDimensionalityOffset ?? 0,
    acceptsBatchInput: !!d.acceptsBatchInput,
    batchParameters: d.parametersAcceptingBatches ?? [],
    batchOrScalarParameters: d.parametersAcceptingBatchesAndScalars ?? [],
    autoBatchCasting: d.parametersEnforcingAutoBatchCasting ?? [],
  };
  if (Object.keys(d.inputDimensionalityOffsets ?? {}).length) out.inputOffsets = d.inputDimensionalityOffsets;
  if (d.dimensionalityReferenceProperty) out.referenceProperty = d.dimensionalityReferenceProperty;
  return out;
}

const read = (name) => JSON.parse(fs.readFileSync(path.join(source, name), 'utf8'));
const reference = fs.readFileSync(path.join(source, 'reference.md'), 'utf8');
const engineVersion = /Execution Engine \*\*([0-9.]+)\*\*/.exec(reference)?.[1] ?? '1.15.0';
const inferenceVersion = /version \*\*([0-9.]+)\*\*/.exec(reference)?.[1] ?? 'unknown';

function literalTypes(field) {
  if (field.unresolved_annotation_parts?.length) return ['any'];
  if (!field.literal_type) return [];
  return [...new Set(field.literal_type.split('|'))];
}

function toField(field) {
  const out = {
    name: field.name,
    required: !!field.required,
    selectorKinds: field.accepts_selector_kinds ?? [],
    selectorTargets: field.selector_targets ?? [],
    containers: field.selector_container ?? [],
    literalTypes: literalTypes(field),
    nullable: !!field.nullable,
  };
  if (field.aliases?.length) out.aliases = field.aliases;
  if (field.enum_values?.length && !field.unresolved_annotation_parts?.length) out.enumValues = field.enum_values;
  if ('default' in field && !(typeof field.default === 'string' && field.default.startsWith('<factory'))) out.default = field.default;
  if (field.private) out.private = true;
  return out;
}

function toBlock(block, enterprise) {
  const out = {
    type: block.type,
    aliases: block.aliases ?? [],
    humanName: block.human_name,
    description: block.short_description,
    blockType: block.block_type,
    fields: block.fields.map(toField),
    outputs: block.outputs.map((o) => ({ name: o.name, kinds: o.kinds })),
    dynamicOutputs: !!block.dynamic_outputs || block.outputs.some((o) => o.name === '*'),
    modelIdFields: block.model_id_fields ?? [],
    credentialFields: (block.credential_details ?? []).map((c) => ({
      name: c.name,
      required: !!c.required,
      acceptsRoboflowManagedKey: !!c.accepts_roboflow_managed_key,
      ...(typeof c.default === 'string' && !c.default.startsWith('<factory') ? { default: c.default } : {}),
      reasons: c.reasons,
    })),
    usesRequestApiKey: !!block.uses_request_roboflow_api_key,
    compatibility: block.execution_engine_compatibility,
  };
  const batch = toDimensionality(block.type);
  if (batch) out.dimensionality = batch;
  if (enterprise) out.enterprise = true;
  return out;
}

const core = read('blocks.json').map((b) => toBlock(b, false));
const enterprise = read('blocks_enterprise.json').map((b) => toBlock(b, true));
const catalog = {
  source: `roboflow/inference ${inferenceVersion}`,
  engineVersion,
  blocks: [...core, ...enterprise],
  modelAliases: read('model_aliases.json'),
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(catalog) + '\n');
console.log(`catalog: ${catalog.blocks.length} blocks (${enterprise.length} enterprise), ${Object.keys(catalog.modelAliases).length} model aliases, engine ${engineVersion} -> ${path.relative(process.cwd(), outFile)} (${fs.statSync(outFile).size} bytes)`);
