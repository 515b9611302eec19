#!/usr/bin/env node
// Turns the block catalog into JSON Schemas:
//  - schemas/workflow.schema.json: the whole document, one sub-schema per block type and alias,
//    for any JSON Schema tool (and VS Code's jsonValidation);
//  - src/core/schema/generated/validators.js: the same step and input schemas compiled by ajv's
//    standalone mode, so the extension never compiles a schema at run time.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalogFile = path.join(root, 'src/core/catalog/data/core-catalog.json');
const nestedSchemasFile = path.join(root, 'src/core/catalog/data/nested-schemas.json');

const STEP_OUTPUT = '^\\$steps\\.[A-Za-z_\\-0-9]+\\.[A-Za-z_*0-9\\-]+$';
const INPUT = '^\\$inputs\\.[A-Za-z_0-9\\-]+$';
const STEP = '^\\$steps\\.[A-Za-z_0-9\\-]+$';

export const INPUT_TYPES = {
  WorkflowImage: { kinds: ['image'], dimensionality: { const: 1 } },
  InferenceImage: { kinds: ['image'], dimensionality: { const: 1 } },
  WorkflowVideoMetadata: { kinds: ['video_metadata'], dimensionality: { const: 1 } },
  WorkflowBatchInput: { kinds: ['*'], dimensionality: { type: 'integer', minimum: 1 } },
  WorkflowParameter: { kinds: ['*'], dimensionality: { const: 0 } },
  InferenceParameter: { kinds: ['*'], dimensionality: { const: 0 } },
};

function selectorPattern(targets) {
  const parts = new Set();
  for (const t of targets) {
    if (t === 'any_data') { parts.add(STEP_OUTPUT); parts.add(INPUT); }
    else if (t === 'step_output') parts.add(STEP_OUTPUT);
    else if (t === 'step') parts.add(STEP);
    else parts.add(INPUT);
  }
  return [...parts].map((p) => `(${p})`).join('|');
}

function literalSchemas(field) {
  const out = [];
  for (const t of field.literalTypes) {
    if (t === 'any') return [{}];
    if (t === 'enum') out.push(field.enumValues ? { enum: field.enumValues } : {});
    else out.push({ type: t });
  }
  if (field.nullable) out.push({ type: 'null' });
  return out;
}

function describeField(field) {
  const parts = [];
  if (field.literalTypes.length) parts.push(field.literalTypes.filter((t) => t !== 'enum').join(' | ') || 'one of the listed values');
  if (field.selectorKinds.length || field.selectorTargets.length) parts.push(`a selector to kind ${field.selectorKinds.join(', ') || '*'}`);
  return `${field.required ? 'Required. ' : ''}Accepts ${parts.join(' or ')}.${'default' in field ? ` Default: ${JSON.stringify(field.default)}.` : ''}`;
}

export function fieldSchema(field) {
  const alternatives = [...literalSchemas(field)];
  if (field.selectorTargets.length) {
    const selector = { type: 'string', pattern: selectorPattern(field.selectorTargets) };
    for (const container of field.containers) {
      if (container === 'single') alternatives.push(selector);
      else if (container === 'list') alternatives.push({ type: 'array', items: field.literalTypes.length ? {} : selector });
      else alternatives.push({ type: 'object', additionalProperties: field.literalTypes.length ? {} : selector });
    }
  }
  const schema = alternatives.length === 1 ? { ...alternatives[0] } : alternatives.length ? { anyOf: alternatives } : {};
  schema.description = describeField(field);
  if ('default' in field) schema.default = field.default;
  return schema;
}

/**
 * A nested property schema (scripts/nestedSchemas.ts) with its `$ref`s pointing at `refTo(name)`. Each
 * discriminated union (`oneOf` chosen by `type`) also says, as an enum, which `type` values it takes:
 * a wrong one is then reported at the `type` itself, with the values to choose from, and editors
 * offer them as completions.
 */
export function nestedSchema(schema, defs, refTo, shareUnion = (union) => union) {
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') out.$ref = refTo(definitionName(value));
      else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, walk(property)]));
      else out[key] = ['enum', 'const', 'required', 'type'].includes(key) ? value : walk(value);
    }
    if (node.discriminator && node.oneOf) {
      const tag = node.discriminator.propertyName;
      const tags = node.oneOf.flatMap((branch) => {
        const property = (branch.$ref ? defs[definitionName(branch.$ref)] : branch).properties?.[tag] ?? {};
        return 'const' in property ? [property.const] : property.enum ?? [];
      });
      Object.assign(out, { type: 'object', required: [tag], properties: { [tag]: { enum: tags } } });
      return shareUnion(out);
    }
    return out;
  };
  return walk(schema);
}

const definitionName = (ref) => {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  if (!match) throw new Error(`nested schema reference ${ref} does not name a definition`);
  return match[1];
};

export function blockSchema(block, nestedProperty = () => undefined) {
  const properties = {
    type: { enum: [block.type, ...block.aliases], description: `${block.humanName}: ${block.description}` },
    name: { type: 'string', description: 'The step name, referenced as `$steps.<name>.<output>`.', pattern: '^[A-Za-z0-9_\\-]+$' },
  };
  for (const field of block.fields) {
    const field_ = fieldSchema(field);
    const nested = nestedProperty(block.type, field.name);
    // The engine's own schema where it has one: it checks everything inside the value.
    const schema = nested ? { ...nested, description: field_.description, ...('default' in field_ && { default: field_.default }) } : field_;
    properties[field.name] = schema;
    for (const alias of field.aliases ?? []) properties[alias] ??= schema;
  }
  return { type: 'object', properties, required: ['type', 'name'], title: block.humanName, description: block.description };
}

export function inputSchema(type) {
  const spec = INPUT_TYPES[type];
  const properties = {
    type: { const: type },
    name: { type: 'string', pattern: '^[A-Za-z0-9_\\-]+$', description: 'Referenced as `$inputs.<name>`.' },
    kind: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object' }] }, description: `Kinds of value this input carries. Default: ${JSON.stringify(spec.kinds)}.` },
    dimensionality: spec.dimensionality,
  };
  if (type === 'WorkflowParameter' || type === 'InferenceParameter') properties.default_value = { description: 'Used when the run does not provide a value.' };
  return { type: 'object', properties, required: ['type', 'name'] };
}

export const OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    type: { const: 'JsonField' },
    name: { type: 'string', description: 'Key of this output in the response.' },
    selector: { type: 'string', pattern: `(${STEP_OUTPUT})|(${INPUT})`, description: '`$steps.<step>.<output>`, `$steps.<step>.*` or `$inputs.<name>`.' },
    coordinates_system: { enum: ['own', 'parent'], default: 'parent' },
  },
  required: ['type', 'name', 'selector'],
};

const defName = (id) => `block:${id}`;

/**
 * The published schema also requires each block's required fields, by name or by any alias. The
 * compiled step schemas leave them out: the linter reports a missing field itself, with a fix.
 */
function withRequiredFields(schema, block) {
  const named = [];
  const eitherName = [];
  for (const field of block.fields.filter((f) => f.required)) {
    const names = [field.name, ...(field.aliases ?? [])];
    if (names.length === 1) named.push(field.name);
    else eitherName.push({ anyOf: names.map((name) => ({ required: [name] })) });
  }
  return { ...schema, required: [...schema.required, ...named], ...(eitherName.length && { allOf: eitherName }) };
}
// Definition names hold `/` (block ids), which JSON Pointer spells `~1`.
const pointer = (name) => `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The published schema is draft-07, which has no `discriminator`: the `oneOf` says the same. */
const withoutDiscriminators = (node) =>
  Array.isArray(node)
    ? node.map(withoutDiscriminators)
    : typeof node === 'object' && node !== null
      ? Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'discriminator').map(([key, value]) => [key, withoutDiscriminators(value)]))
      : node;

export function workflowSchema(catalog, nested = { $defs: {}, properties: {} }) {
  const definitions = {};
  const stepBranches = [];
  const ids = [];
  const published = (schema) => withoutDiscriminators(nestedSchema(schema, nested.$defs, (name) => pointer(`nested:${name}`)));
  for (const [name, definition] of Object.entries(nested.$defs)) definitions[`nested:${name}`] = published(definition);
  const nestedProperty = (type, name) => (nested.properties[type]?.[name] ? published(nested.properties[type][name]) : undefined);
  for (const block of catalog.blocks) {
    definitions[defName(block.type)] = withRequiredFields(blockSchema(block, nestedProperty), block);
    const typeIds = [block.type, ...block.aliases];
    ids.push(...typeIds);
    stepBranches.push({ if: { properties: { type: { enum: typeIds } }, required: ['type'] }, then: { $ref: pointer(defName(block.type)) } });
  }
  const inputBranches = Object.keys(INPUT_TYPES).map((type) => {
    definitions[`input:${type}`] = inputSchema(type);
    return { if: { properties: { type: { const: type } }, required: ['type'] }, then: { $ref: pointer(`input:${type}`) } };
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/roboflow-workflows-community/vscode-roboflow-workflows/schemas/workflow.schema.json',
    title: 'Roboflow Workflow definition',
    description: `Roboflow Workflows definition (${catalog.source}, Execution Engine ${catalog.engineVersion}).`,
    type: 'object',
    required: ['version', 'inputs', 'steps', 'outputs'],
    properties: {
      version: { type: 'string', description: 'Execution Engine version the workflow targets, e.g. "1.0".', examples: ['1.0'] },
      inputs: { type: 'array', items: { type: 'object', required: ['type', 'name'], properties: { type: { enum: Object.keys(INPUT_TYPES) } }, allOf: inputBranches } },
      steps: { type: 'array', items: { type: 'object', required: ['type', 'name'], properties: { type: { type: 'string', examples: ids } }, allOf: stepBranches } },
      outputs: { type: 'array', items: OUTPUT_SCHEMA },
    },
    definitions,
  };
}

export function buildSchemas() {
  const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8'));
  const nested = JSON.parse(fs.readFileSync(nestedSchemasFile, 'utf8'));
  fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
  fs.writeFileSync(path.join(root, 'schemas/workflow.schema.json'), JSON.stringify(workflowSchema(catalog, nested), null, 1) + '\n');

  // `discriminator`: a union of the query language is checked only in the branch its `type` names, as
  // Pydantic does, so an error points into that branch instead of listing every alternative's.
  const ajv = new Ajv({ code: { source: true }, allErrors: true, strict: false, inlineRefs: false, discriminator: true });
  const NESTED = 'urn:rfw:nested';
  const compiledRef = (name) => `${NESTED}#/$defs/${name}`;
  // The same union (every operation, every comparator) sits in many places: each distinct one is compiled
  // once, as a definition of its own, instead of inline at every place (a third of the generated code).
  const unions = new Map();
  const shareUnion = (union) => {
    const key = JSON.stringify(union);
    if (!unions.has(key)) unions.set(key, { name: `union-${unions.size}`, union });
    return { $ref: compiledRef(unions.get(key).name) };
  };
  const compiledDefinitions = Object.fromEntries(Object.entries(nested.$defs).map(([name, definition]) => [name, nestedSchema(definition, nested.$defs, compiledRef, shareUnion)]));
  const compiledProperties = Object.fromEntries(
    Object.entries(nested.properties).map(([type, properties]) => [type, Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, nestedSchema(schema, nested.$defs, compiledRef, shareUnion)]))]),
  );
  for (const { name, union } of unions.values()) compiledDefinitions[name] = union;
  ajv.addSchema({ $defs: compiledDefinitions }, NESTED);
  const nestedProperty = (type, name) => compiledProperties[type]?.[name];
  // Many blocks share identical field schemas (`images`, `confidence`, …): compile each distinct
  // one once and reference it, which keeps the generated code (and load time) small.
  const shared = new Map();
  const sharedRef = (schema) => {
    const { description: _d, default: _v, ...bare } = schema;
    const key = JSON.stringify(bare);
    if (!shared.has(key)) {
      const id = `urn:rfw:field:${shared.size}`;
      shared.set(key, id);
      ajv.addSchema(bare, id);
    }
    return { $ref: shared.get(key) };
  };
  const exportsMap = {};
  catalog.blocks.forEach((block) => {
    const schema = blockSchema(block, nestedProperty);
    for (const [name, property] of Object.entries(schema.properties)) schema.properties[name] = sharedRef(property);
    delete schema.title;
    delete schema.description;
    const id = `urn:rfw:step:${block.type}`;
    ajv.addSchema(schema, id);
    exportsMap[block.type] = id;
  });
  for (const type of Object.keys(INPUT_TYPES)) {
    ajv.addSchema(inputSchema(type), `urn:rfw:input:${type}`);
    exportsMap[`input:${type}`] = `urn:rfw:input:${type}`;
  }
  ajv.addSchema(OUTPUT_SCHEMA, 'urn:rfw:output');
  exportsMap.output = 'urn:rfw:output';
  const outDir = path.join(root, 'src/core/schema/generated');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'validators.js'), standaloneCode(ajv, exportsMap));
  // Which properties have the engine's nested schema: their errors are reported inside the value.
  const nestedNames = Object.fromEntries(Object.entries(nested.properties).map(([type, properties]) => [type, Object.keys(properties)]));
  fs.writeFileSync(path.join(outDir, 'nestedProperties.json'), JSON.stringify(nestedNames) + '\n');
  fs.writeFileSync(
    path.join(outDir, 'validators.d.ts'),
    "import type { ValidateFunction } from 'ajv';\ndeclare const validators: Record<string, ValidateFunction | undefined>;\nexport = validators;\n",
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildSchemas();
  console.log('[schemas] written');
}
