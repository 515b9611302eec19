// How each shape of a describe answer's property schema becomes a field: exact, one shape at a time.
import assert from 'node:assert/strict';
import { blocksFromDescribe } from '../../src/core/catalog/fromDescribe';
import type { BlockSpec, FieldSpec } from '../../src/core/catalog/types';

const selector = (kind: string[], selected = 'any_data') => ({ type: 'string', reference: true, selected_element: selected, kind: kind.map((name) => ({ name })) });

/** One described block with these properties (and the usual `type` and `name`). */
function described(properties: Record<string, unknown>, extra: Record<string, unknown> = {}, schemaExtra: Record<string, unknown> = {}) {
  return {
    manifest_type_identifier: 'acme/b@v1',
    block_schema: { type: 'object', properties: { type: { enum: ['acme/b@v1'] }, name: { type: 'string' }, ...properties }, required: ['type', 'name'], ...schemaExtra },
    outputs_manifest: [{ name: 'out', kind: ['string'] }],
    ...extra,
  };
}
const blockOf = (properties: Record<string, unknown>, extra?: Record<string, unknown>, schemaExtra?: Record<string, unknown>): BlockSpec => {
  const [block] = blocksFromDescribe({ blocks: [described(properties, extra, schemaExtra)] });
  assert.ok(block, 'the block was read');
  return block;
};
const fieldOf = (schema: unknown, name = 'p'): FieldSpec => blockOf({ [name]: schema }).fields.find((f) => f.name === name)!;
const shape = (f: FieldSpec) => ({ kinds: f.selectorKinds, targets: f.selectorTargets, containers: f.containers, literals: f.literalTypes, nullable: f.nullable });

describe('catalog from describe: fields', () => {
  it('reads a selector, a list of selectors and a dict of selectors, with their kinds and targets once each', () => {
    assert.deepEqual(shape(fieldOf({ anyOf: [selector(['image']), selector(['image'])] })), { kinds: ['image'], targets: ['any_data'], containers: ['single'], literals: [], nullable: false });
    assert.deepEqual(shape(fieldOf({ type: 'array', items: { anyOf: [selector(['image'], 'workflow_image'), selector(['video_metadata'], 'step_output')] } })), {
      kinds: ['image', 'video_metadata'],
      targets: ['workflow_image', 'step_output'],
      containers: ['list'],
      literals: [],
      nullable: false,
    });
    assert.deepEqual(shape(fieldOf({ type: 'array', items: { anyOf: [selector(['string']), { type: 'string' }] } })).literals, ['array'], 'a list that also takes literals');
    assert.deepEqual(shape(fieldOf({ type: 'object', additionalProperties: { anyOf: [selector(['*'], 'step_output'), { type: 'string' }] } })), {
      kinds: ['*'],
      targets: ['step_output'],
      containers: ['dict'],
      literals: ['object'],
      nullable: false,
    });
    assert.deepEqual(shape(fieldOf({ type: 'object', additionalProperties: selector(['string']) })).literals, [], 'a dict of selectors only');
    assert.deepEqual(shape(fieldOf({ type: 'array', items: { type: 'string' } })), { kinds: [], targets: [], containers: [], literals: ['array'], nullable: false }, 'a plain list');
    assert.deepEqual(fieldOf({ reference: true, kind: ['string'] }).selectorTargets, ['any_data'], 'no selected_element: any data');
  });

  it('reads literal types, null, enums and consts, following $ref into $defs and definitions', () => {
    assert.deepEqual(shape(fieldOf({ anyOf: [{ type: 'number' }, { type: 'null' }] })), { kinds: [], targets: [], containers: [], literals: ['number'], nullable: true });
    assert.deepEqual(fieldOf({ type: ['integer', 'boolean', 'weird'] }).literalTypes, ['integer', 'boolean', 'any']);
    assert.deepEqual(fieldOf({}).literalTypes, ['any'], 'no type: anything');
    assert.deepEqual(fieldOf('not a schema').literalTypes, ['any'], 'a malformed property schema accepts anything');
    const enumField = fieldOf({ anyOf: [{ enum: ['a', 'b'] }, { const: null }, { const: 3 }] });
    assert.deepEqual([enumField.literalTypes, enumField.enumValues], [['enum'], ['a', 'b', null, 3]]);
    const defs = blockOf({ r: { $ref: '#/$defs/R' }, s: { $ref: '#/definitions/S' }, t: { $ref: '#/$defs/Missing' } }, {}, { $defs: { R: { enum: ['x'] } }, definitions: { S: { type: 'boolean' } } });
    assert.deepEqual(defs.fields.map((f) => [f.name, f.literalTypes, f.enumValues]), [['r', ['enum'], ['x']], ['s', ['boolean'], undefined], ['t', ['any'], undefined]]);
    assert.deepEqual(fieldOf({ anyOf: [{ allOf: [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }] }] }).literalTypes, ['string', 'integer'], 'nested alternatives');
  });

  it('stops following alternatives nested absurdly deep', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 12; i++) schema = { anyOf: [schema] };
    assert.deepEqual(fieldOf(schema).literalTypes, ['any'], 'past 8 levels the rest is read as anything');
    let shallow: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 8; i++) shallow = { anyOf: [shallow] };
    assert.deepEqual(fieldOf(shallow).literalTypes, ['string'], '8 levels are followed');
  });

  it('keeps required, defaults and private, and leaves out `type` and `name`', () => {
    const block = blockOf({ a: { type: 'string', default: 'x' }, b: { type: 'integer', default: null }, c: { type: 'string', private: true }, d: { type: 'string', private: 'yes' } }, {}, { required: ['type', 'name', 'a'] });
    assert.deepEqual(block.fields.map((f) => f.name), ['a', 'b', 'c', 'd']);
    assert.deepEqual(block.fields.map((f) => [f.required, f.default, f.private]), [[true, 'x', undefined], [false, null, undefined], [false, undefined, true], [false, undefined, undefined]]);
    assert.equal(hasDefault(block.fields[2]), false);
  });
});

const hasDefault = (f: FieldSpec) => Object.prototype.hasOwnProperty.call(f, 'default');

describe('catalog from describe: credentials, models and the block', () => {
  it('calls a field a credential when private, of a credential kind, or named like one and taking text', () => {
    const block = blockOf({
      hidden: { type: 'string', private: true },
      openai: { anyOf: [selector(['secret']), { type: 'string' }], default: 'rf_managed' },
      managed: { anyOf: [selector(['ROBOFLOW_MANAGED_KEY', 'roboflow_api_key'])] },
      password: { type: 'string' },
      access_key_id: {},
      max_tokens: { type: 'integer' },
      api_key: { type: 'integer' },
      mytoken: { type: 'string' },
    });
    assert.deepEqual(
      block.credentialFields.map((c) => [c.name, c.reasons, c.acceptsRoboflowManagedKey, c.default]),
      [
        ['hidden', ['private_field'], false, undefined],
        ['openai', ['kind:secret'], false, 'rf_managed'],
        ['managed', ['kind:ROBOFLOW_MANAGED_KEY', 'kind:roboflow_api_key'], true, undefined],
        ['password', ['name'], false, undefined],
        ['access_key_id', ['name'], false, undefined],
      ],
    );
    assert.equal(block.credentialFields.find((c) => c.name === 'openai')!.required, false);
    const required = blockOf({ token: { type: 'string', default: 5 } }, {}, { required: ['token'] });
    assert.deepEqual(required.credentialFields, [{ name: 'token', required: true, acceptsRoboflowManagedKey: false, reasons: ['name'] }], 'a default that is not text is not kept');
  });

  it('lists model-id fields by the roboflow_model_id kind', () => {
    assert.deepEqual(blockOf({ model_id: { anyOf: [selector(['roboflow_model_id']), { type: 'string' }] }, other: selector(['string']) }).modelIdFields, ['model_id']);
  });

  it('reads the block\'s names, description, type, compatibility and dimensionality, with defaults', () => {
    const full = blockOf(
      {},
      { manifest_type_identifier_aliases: ['B', 7], human_friendly_block_name: 'Bee', execution_engine_compatibility: '>=1.3.0', input_dimensionality_offsets: { images: 1 }, dimensionality_reference_property: 'images', output_dimensionality_offset: -1 },
      { name: 'Schema name', short_description: 'Short.', description: 'Long.', block_type: 'transformation' },
    );
    assert.deepEqual([full.type, full.aliases, full.humanName, full.description, full.blockType, full.compatibility], ['acme/b@v1', ['B'], 'Bee', 'Short.', 'transformation', '>=1.3.0']);
    assert.deepEqual(full.dimensionality, { outputOffset: -1, acceptsBatchInput: false, batchParameters: [], batchOrScalarParameters: [], autoBatchCasting: [], inputOffsets: { images: 1 }, referenceProperty: 'images' });
    assert.equal(full.usesRequestApiKey, false);
    const bare = blockOf({}, { manifest_type_identifier_aliases: 'B' }, { name: 'Schema name', description: 'Long.' });
    assert.deepEqual([bare.aliases, bare.humanName, bare.description, bare.blockType, 'compatibility' in bare], [[], 'Schema name', 'Long.', 'unknown', false]);
    assert.deepEqual(bare.dimensionality, { outputOffset: 0, acceptsBatchInput: false, batchParameters: [], batchOrScalarParameters: [], autoBatchCasting: [] });
    const nameless = blockOf({}, { input_dimensionality_offsets: {} });
    assert.deepEqual([nameless.humanName, nameless.description, 'inputOffsets' in nameless.dimensionality!], ['acme/b@v1', '', false]);
  });

  it('takes outputs from the manifest, and calls them dynamic when there are none or one is `*`', () => {
    assert.deepEqual(blockOf({}).outputs, [{ name: 'out', kinds: ['string'] }]);
    assert.equal(blockOf({}).dynamicOutputs, false);
    assert.equal(blockOf({}, { outputs_manifest: [] }).dynamicOutputs, true);
    assert.equal(blockOf({}, { outputs_manifest: [{ name: 'a' }, { name: '*', kind: [{ name: 'image' }] }] }).dynamicOutputs, true);
    assert.deepEqual(blockOf({}, { outputs_manifest: undefined }).outputs, []);
  });

  it('skips entries it cannot read, keeping the rest', () => {
    const good = described({});
    const blocks = blocksFromDescribe({
      blocks: [null, 'x', { manifest_type_identifier: '' }, { manifest_type_identifier: 'a@v1', block_schema: null }, { manifest_type_identifier: 'a@v1', block_schema: 'x' }, { ...good, outputs_manifest: 'bad' }, { ...good, block_schema: { ...good.block_schema, required: 5 } }, good],
    });
    assert.deepEqual(blocks.map((b) => b.type), ['acme/b@v1']);
    assert.throws(() => blocksFromDescribe(undefined), /no `blocks` list/);
    assert.throws(() => blocksFromDescribe({ blocks: {} }), /no `blocks` list/);
  });
});
