// `npm run catalog:update`: regenerates the bundled block catalog from Roboflow's real Execution
// Engine (engine/requirements.lock, installed by scripts/setup-engine.sh): its
// `POST /workflows/blocks/describe` answer, read by the same converter the extension uses for a live
// server, plus what describe leaves out (batch parameters, field aliases, which blocks read the
// request's API key, enterprise blocks). The result is committed, so a clone validates offline.
//   node dist/update-catalog.js [--python <venv python>]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { blocksFromDescribe } from '../src/core/catalog/fromDescribe';
import type { BatchSpec, BlockSpec, CatalogData } from '../src/core/catalog/types';
import { repoRoot } from '../test/support/repoRoot';
import { describeCatalogChanges } from './catalogChanges';
import { nestedSchemas, type NestedSchemas } from './nestedSchemas';

interface BlockFacts {
  enterprise: boolean;
  init_parameters: string[];
  accepts_batch_input: boolean;
  parameters_accepting_batches: string[];
  parameters_accepting_batches_and_scalars: string[];
  parameters_enforcing_auto_batch_casting: string[];
  input_dimensionality_offsets: Record<string, number>;
  dimensionality_reference_property: string | null;
  output_dimensionality_offset: number;
  field_aliases: Record<string, string[]>;
  dynamic_outputs: boolean;
}

interface VersionInfo {
  roboflow_workflows: string;
  execution_engine_versions: string[];
}

const root = repoRoot();
const catalogFile = path.join(root, 'src/core/catalog/data/core-catalog.json');
const nestedSchemasFile = path.join(root, 'src/core/catalog/data/nested-schemas.json');
const aliasesFile = path.join(root, 'scripts/data/server-model-aliases.json');
const changesFile = path.join(root, 'engine/CATALOG-CHANGES.md');
const modelIdFieldsFile = path.join(root, 'scripts/data/model-id-fields.json');
const extraModelIdFields = (JSON.parse(fs.readFileSync(modelIdFieldsFile, 'utf8')) as { families: Record<string, string[]> }).families;

function enginePython(): string {
  const i = process.argv.indexOf('--python');
  if (i >= 0) return process.argv[i + 1];
  const setup = spawnSync('bash', [path.join(root, 'scripts/setup-engine.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (setup.status !== 0) throw new Error(`scripts/setup-engine.sh failed (exit ${setup.status})`);
  return setup.stdout.trim().split('\n').pop()!;
}

function bridge<T>(python: string, ...args: string[]): T {
  const run = spawnSync(python, [path.join(root, 'engine/bridge.py'), ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  if (run.status !== 0) throw new Error(`engine/bridge.py ${args.join(' ')} failed: ${run.stderr.slice(-3000)}`);
  return JSON.parse(run.stdout) as T;
}

function batchSpec(facts: BlockFacts): BatchSpec {
  const spec: BatchSpec = {
    outputOffset: facts.output_dimensionality_offset,
    acceptsBatchInput: facts.accepts_batch_input,
    batchParameters: facts.parameters_accepting_batches,
    batchOrScalarParameters: facts.parameters_accepting_batches_and_scalars,
    autoBatchCasting: facts.parameters_enforcing_auto_batch_casting,
  };
  if (Object.keys(facts.input_dimensionality_offsets).length) spec.inputOffsets = facts.input_dimensionality_offsets;
  if (facts.dimensionality_reference_property) spec.referenceProperty = facts.dimensionality_reference_property;
  return spec;
}

function enrich(block: BlockSpec, facts: BlockFacts | undefined): BlockSpec {
  if (!facts) throw new Error(`the engine describes ${block.type} but gave no facts for it`);
  const fields = block.fields.map((field) => {
    const aliases = facts.field_aliases[field.name];
    return aliases?.length ? { ...field, aliases } : field;
  });
  const family = block.type.replace(/@v\d+$/, '');
  const extra = (extraModelIdFields[family] ?? []).filter((n) => fields.some((f) => f.name === n) && !block.modelIdFields.includes(n));
  const out: BlockSpec = {
    ...block,
    fields,
    modelIdFields: [...block.modelIdFields, ...extra],
    dynamicOutputs: facts.dynamic_outputs,
    usesRequestApiKey: facts.init_parameters.includes('api_key'),
    dimensionality: batchSpec(facts),
  };
  if (facts.enterprise) out.enterprise = true;
  return out;
}

/** Roboflow's public model aliases: the SDK's copy in the engine's environment, plus the server's own
 * additions (inference/models/aliases.py, not part of the engine), carried in scripts/data. */
function modelAliases(python: string): Record<string, string> {
  const run = spawnSync(python, ['-c', 'import json; from inference_sdk.http.utils.aliases import REGISTERED_ALIASES as a; print(json.dumps(a, sort_keys=True))'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`reading the SDK's model aliases failed: ${run.stderr.slice(-2000)}`);
  const server = JSON.parse(fs.readFileSync(aliasesFile, 'utf8')) as { aliases: Record<string, string> };
  return { ...server.aliases, ...(JSON.parse(run.stdout) as Record<string, string>) };
}

function main(): void {
  const python = enginePython();
  const version = bridge<VersionInfo>(python, 'version');
  const described = bridge<Parameters<typeof nestedSchemas>[0]>(python, 'describe');
  const facts = bridge<{ blocks: Record<string, BlockFacts> }>(python, 'facts').blocks;
  const blocks = blocksFromDescribe(described).map((b) => enrich(b, facts[b.type]));
  blocks.sort((a, b) => Number(!!a.enterprise) - Number(!!b.enterprise) || a.type.localeCompare(b.type));
  const engineVersion = [...version.execution_engine_versions].sort().pop()!;
  const catalog: CatalogData = {
    source: `roboflow-workflows ${version.roboflow_workflows}`,
    engineVersion,
    blocks,
    modelAliases: modelAliases(python),
  };
  const previous = fs.existsSync(catalogFile) ? (JSON.parse(fs.readFileSync(catalogFile, 'utf8')) as CatalogData) : undefined;
  fs.writeFileSync(catalogFile, JSON.stringify(catalog) + '\n');
  const nested: NestedSchemas = nestedSchemas(described);
  fs.writeFileSync(nestedSchemasFile, JSON.stringify(nested) + '\n');
  const enterprise = blocks.filter((b) => b.enterprise).length;
  console.log(`catalog: ${blocks.length} blocks (${enterprise} enterprise), ${Object.keys(catalog.modelAliases).length} model aliases, ${catalog.source}, Execution Engine ${engineVersion} -> ${path.relative(root, catalogFile)}`);
  console.log(`nested property schemas: ${Object.values(nested.properties).reduce((n, p) => n + Object.keys(p).length, 0)} properties, ${Object.keys(nested.$defs).length} definitions -> ${path.relative(root, nestedSchemasFile)}`);
  if (previous && previous.source !== catalog.source) {
    fs.writeFileSync(changesFile, describeCatalogChanges(previous, catalog));
    console.log(`changes since ${previous.source}: ${path.relative(root, changesFile)}`);
  }
}

main();
