import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import type { BlockSpec, FieldSpec } from '../../src/core/catalog/types';
import { parseVersionedType } from '../../src/core/catalog/versions';

const field = (name: string, aliases?: string[]): FieldSpec => ({ name, ...(aliases ? { aliases } : {}), required: false, selectorKinds: [], selectorTargets: [], containers: [], literalTypes: ['string'], nullable: false });
const block = (type: string, aliases: string[] = [], fields: FieldSpec[] = []): BlockSpec => ({
  type,
  aliases,
  humanName: type,
  description: '',
  blockType: 'model',
  fields,
  outputs: [],
  dynamicOutputs: false,
  modelIdFields: [],
  credentialFields: [],
  usesRequestApiKey: false,
});
const catalogOf = (...blocks: BlockSpec[]) => new Catalog({ source: 'test', engineVersion: '1.2.3', blocks, modelAliases: {} });

describe('catalog: lookups', () => {
  it('finds a block by its type or any alias; the first block to claim an id keeps it', () => {
    const first = block('acme/a@v1', ['A', 'shared']);
    const second = block('acme/b@v1', ['shared', 'acme/a@v1']);
    const catalog = catalogOf(first, second);
    assert.equal(catalog.block('acme/a@v1'), first);
    assert.equal(catalog.block('A'), first);
    assert.equal(catalog.block('shared'), first);
    assert.equal(catalog.block('acme/b@v1'), second);
    assert.equal(catalog.block('acme/c@v1'), undefined);
    assert.deepEqual(catalog.typeIds, ['acme/a@v1', 'A', 'shared', 'acme/b@v1'], 'each id once, in order');
    assert.equal(catalog.engineVersion, '1.2.3');
  });

  it('finds a field by its name or an alias, never letting an alias hide a real field', () => {
    const images = field('images', ['image']);
    const image = field('image');
    const other = field('model_id', ['model']);
    const b = block('acme/a@v1', [], [images, image, other]);
    const catalog = catalogOf(b);
    assert.equal(catalog.field(b, 'images'), images);
    assert.equal(catalog.field(b, 'image'), image, 'a field of that name wins over an earlier alias');
    assert.equal(catalog.field(b, 'model'), other);
    assert.equal(catalog.field(b, 'nope'), undefined);
    assert.equal(catalog.field(block('unknown@v1'), 'images'), undefined, 'a block from elsewhere has no fields here');
    assert.deepEqual(catalog.propertyNames(b), ['images', 'image', 'model_id', 'model']);
    assert.deepEqual(catalog.propertyNames(block('unknown@v1')), []);
  });

  it('names the newest older version of a family it knows, by type or alias', () => {
    const catalog = catalogOf(block('acme/w@v2', ['acme/g@v1']), block('acme/w@v4'), block('acme/w@v3'), block('Legacy'));
    assert.equal(catalog.newestOlderVersion('acme/w@v9'), 'acme/w@v4', 'the newest, not the last listed');
    assert.equal(catalog.newestOlderVersion('acme/w@v5'), 'acme/w@v4');
    assert.equal(catalog.newestOlderVersion('acme/g@v2'), 'acme/g@v1');
    for (const typeId of ['acme/w@v4', 'acme/w@v1', 'acme/w@v0', 'acme/x@v9', 'Legacy', 'acme/w']) {
      assert.equal(catalog.newestOlderVersion(typeId), undefined, typeId);
    }
  });
});

describe('catalog: refreshed from a server', () => {
  const known = (over: Partial<BlockSpec>) => ({ ...block('acme/m@v1', [], [field('model_id'), field('version')]), modelIdFields: ['model_id', 'version'], ...over });
  const merged = (bundled: BlockSpec, served: BlockSpec) => catalogOf(bundled).withBlocks([served], 'the server').block(served.type)!;

  it('keeps model-id fields the bundled catalog learnt, while the server\'s block still has them', () => {
    const served = { ...block('acme/m@v1', [], [field('model_id'), field('version')]), modelIdFields: ['model_id'] };
    assert.deepEqual(merged(known({}), served).modelIdFields, ['model_id', 'version']);
    const without = { ...block('acme/m@v1', [], [field('model_id')]), modelIdFields: ['model_id'] };
    assert.deepEqual(merged(known({}), without).modelIdFields, ['model_id'], 'a field the server dropped is no model-id field');
  });

  it('keeps outputs dynamic when either side says so', () => {
    const served = (outputs: string[]) => ({ ...block('acme/m@v1'), outputs: outputs.map((name) => ({ name, kinds: [] })) });
    assert.equal(merged(known({ dynamicOutputs: true }), served(['out'])).dynamicOutputs, true);
    assert.equal(merged(known({ dynamicOutputs: false }), served(['out', '*'])).dynamicOutputs, true);
    assert.equal(merged(known({ dynamicOutputs: false }), served(['out'])).dynamicOutputs, false);
    assert.equal(catalogOf(known({})).withBlocks([], 'the server').data.source, 'test + the server');
    assert.equal(catalogOf(known({})).withBlocks([]).data.source, 'test');
  });
});

describe('catalog: versioned type ids', () => {
  it('splits `family@vN`, N a positive number without leading zeros', () => {
    assert.deepEqual(parseVersionedType('roboflow_core/open_ai@v4'), { family: 'roboflow_core/open_ai', version: 4 });
    assert.deepEqual(parseVersionedType('x@v12'), { family: 'x', version: 12 });
    assert.deepEqual(parseVersionedType('a@v1@v2'), { family: 'a@v1', version: 2 });
    for (const typeId of ['OpenAI', 'x@v0', 'x@v01', 'x@v', '@v1', 'x@v1 ', 'x@V1', 'x@v1.0']) assert.equal(parseVersionedType(typeId), undefined, typeId);
  });
});
