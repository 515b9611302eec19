import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import data from '../../src/core/catalog/data/core-catalog.json';
import storedNested from '../../src/core/catalog/data/nested-schemas.json';
import { nestedSchemas } from '../../scripts/nestedSchemas';
import type { BlockSpec, CatalogData } from '../../src/core/catalog/types';
import { bridgeJson } from '../support/engine';
import { repoRoot } from '../support/repoRoot';

/**
 * The bundled catalog against the pinned engine's own description of its blocks, read here straight
 * from the describe JSON (not through the converter that built the catalog), so a converter bug
 * cannot agree with itself.
 */

type Json = Record<string, unknown>;
interface DescribedBlock {
  manifest_type_identifier: string;
  manifest_type_identifier_aliases: string[];
  block_schema: Json & { properties: Record<string, Json>; required?: string[] };
  outputs_manifest: { name: string; kind: { name: string }[] }[];
}

const catalog = data as CatalogData;
const byType = new Map<string, BlockSpec>();
for (const block of catalog.blocks) for (const id of [block.type, ...block.aliases]) byType.set(id, block);

/** Every kind named by a selector (`reference: true`) anywhere inside a property's schema. */
function selectorKinds(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) selectorKinds(item, out);
  else if (schema && typeof schema === 'object') {
    const node = schema as Json;
    if (node.reference === true && Array.isArray(node.kind)) for (const k of node.kind as { name: string }[]) out.add(k.name);
    for (const [key, value] of Object.entries(node)) if (key !== 'kind') selectorKinds(value, out);
  }
  return out;
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('the bundled catalog is the pinned engine\'s (real engine)', function () {
  let described: DescribedBlock[];
  let version: { roboflow_workflows: string; execution_engine_versions: string[] };

  before(function () {
    this.timeout(300_000);
    version = bridgeJson('version');
    described = bridgeJson<{ blocks: DescribedBlock[] }>('describe').blocks;
  });

  it('names the engine it was made from, the one engine/requirements.lock pins', () => {
    const lock = fs.readFileSync(path.join(repoRoot(), 'engine/requirements.lock'), 'utf8');
    const pinned = /^roboflow-workflows==(\S+)$/m.exec(lock)?.[1];
    assert.equal(version.roboflow_workflows, pinned);
    assert.equal(catalog.source, `roboflow-workflows ${pinned}`);
    assert.equal(catalog.engineVersion, sorted(version.execution_engine_versions).pop());
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    assert.ok(readme.includes(`roboflow-workflows ${pinned}`), 'the README names the bundled catalog\'s engine');
  });

  it('has every block type and alias the engine registers, and no other', () => {
    const engineIds = new Set(described.flatMap((b) => [b.manifest_type_identifier, ...b.manifest_type_identifier_aliases]));
    assert.deepEqual(sorted([...engineIds].filter((id) => !byType.has(id))), [], 'registered by the engine, missing from the catalog');
    assert.deepEqual(sorted([...byType.keys()].filter((id) => !engineIds.has(id))), [], 'in the catalog, unknown to the engine');
  });

  it('gives every block the engine\'s fields, required fields and selector kinds', () => {
    const wrong: string[] = [];
    for (const engineBlock of described) {
      const block = byType.get(engineBlock.manifest_type_identifier)!;
      const properties = Object.entries(engineBlock.block_schema.properties).filter(([name]) => name !== 'type' && name !== 'name');
      const fields = new Map(block.fields.map((f) => [f.name, f]));
      const names = sorted(properties.map(([name]) => name));
      if (names.join() !== sorted(fields.keys()).join()) wrong.push(`${block.type}: fields ${names} vs ${sorted(fields.keys())}`);
      const required = sorted((engineBlock.block_schema.required ?? []).filter((n) => n !== 'type' && n !== 'name'));
      const ours = sorted(block.fields.filter((f) => f.required).map((f) => f.name));
      if (required.join() !== ours.join()) wrong.push(`${block.type}: required ${required} vs ${ours}`);
      for (const [name, schema] of properties) {
        const kinds = sorted(selectorKinds(schema)).join();
        const catalogKinds = sorted(fields.get(name)?.selectorKinds ?? []).join();
        if (kinds !== catalogKinds) wrong.push(`${block.type}.${name}: kinds [${kinds}] vs [${catalogKinds}]`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('gives every block the engine\'s outputs and their kinds', () => {
    const wrong: string[] = [];
    for (const engineBlock of described) {
      const block = byType.get(engineBlock.manifest_type_identifier)!;
      const engineOutputs = sorted(engineBlock.outputs_manifest.map((o) => `${o.name}:${sorted(o.kind.map((k) => k.name)).join('|')}`)).join(', ');
      const ours = sorted(block.outputs.map((o) => `${o.name}:${sorted(o.kinds).join('|')}`)).join(', ');
      if (engineOutputs !== ours) wrong.push(`${block.type}: ${engineOutputs} vs ${ours}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('knows every field alias and batch parameter the engine\'s manifests declare', () => {
    const facts = bridgeJson<{ blocks: Record<string, { field_aliases: Record<string, string[]>; parameters_accepting_batches: string[]; output_dimensionality_offset: number }> }>('facts').blocks;
    const wrong: string[] = [];
    for (const [type, fact] of Object.entries(facts)) {
      const block = byType.get(type);
      if (!block) {
        wrong.push(`${type}: missing`);
        continue;
      }
      for (const [field, aliases] of Object.entries(fact.field_aliases)) {
        const known = block.fields.find((f) => f.name === field)?.aliases ?? [];
        if (sorted(aliases).join() !== sorted(known).join()) wrong.push(`${type}.${field}: aliases ${aliases} vs ${known}`);
      }
      if (sorted(fact.parameters_accepting_batches).join() !== sorted(block.dimensionality?.batchParameters ?? []).join()) wrong.push(`${type}: batch parameters`);
      if (fact.output_dimensionality_offset !== (block.dimensionality?.outputOffset ?? 0)) wrong.push(`${type}: output offset`);
    }
    assert.deepEqual(wrong, []);
  });

  it('carries the nested schema of every property that refers to a definition, as the engine describes it now', () => {
    // Which properties, read straight from the describe JSON; their content, through the same trimming.
    const referring = described
      .flatMap((b) => Object.entries(b.block_schema.properties).filter(([, schema]) => JSON.stringify(schema).includes('"$ref"')).map(([name]) => `${b.manifest_type_identifier}.${name}`))
      .sort();
    assert.deepEqual(Object.entries(storedNested.properties).flatMap(([type, properties]) => Object.keys(properties).map((name) => `${type}.${name}`)).sort(), referring);
    assert.ok(referring.length >= 27, `only ${referring.length} properties with nested schemas`);
    assert.deepEqual(storedNested, nestedSchemas({ blocks: described }), 'run npm run catalog:update');
  });
});
