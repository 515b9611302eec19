import assert from 'node:assert/strict';
import { isBlockSpec, usableBlocks } from '../../src/core/catalog/blockShape';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import type { BlockSpec } from '../../src/core/catalog/types';

/** A block with every optional part present, for breaking one part at a time. */
const COMPLETE: BlockSpec = {
  type: 'acme/b@v1',
  aliases: ['B'],
  humanName: 'Bee',
  description: 'd',
  blockType: 'model',
  fields: [{ name: 'f', aliases: ['g'], required: true, selectorKinds: ['image'], selectorTargets: ['any_data'], containers: ['single'], literalTypes: ['string'], enumValues: ['x'], nullable: false }],
  outputs: [{ name: 'out', kinds: ['string'] }],
  dynamicOutputs: false,
  modelIdFields: ['f'],
  credentialFields: [{ name: 'f', required: true, acceptsRoboflowManagedKey: false, reasons: ['name'] }],
  usesRequestApiKey: false,
  compatibility: '>=1.3.0',
  enterprise: true,
  dimensionality: { outputOffset: 0, acceptsBatchInput: true, batchParameters: ['f'], batchOrScalarParameters: [], autoBatchCasting: [], inputOffsets: { f: 1 }, referenceProperty: 'f' },
};

/** COMPLETE with the value at `path` replaced (undefined: removed). */
function broken(path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(COMPLETE) as unknown as Record<string, unknown>;
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe('catalog: the shape of blocks read from outside', () => {
  it('accepts every bundled block, and a block with every optional part', () => {
    const blocks = bundledCatalog().data.blocks;
    assert.deepEqual(blocks.filter((b) => !isBlockSpec(b as unknown)).map((b) => (b as BlockSpec).type), []);
    assert.equal(isBlockSpec(COMPLETE), true);
    for (const optional of [['compatibility'], ['enterprise'], ['dimensionality'], ['fields', 0, 'aliases'], ['fields', 0, 'enumValues'], ['dimensionality', 'inputOffsets'], ['dimensionality', 'referenceProperty']]) {
      assert.equal(isBlockSpec(broken(optional, undefined)), true, `without ${optional.join('.')}`);
    }
  });

  it('refuses a block with any part missing or of the wrong type', () => {
    const cases: [(string | number)[], unknown][] = [
      [['type'], ''], [['type'], 5], [['aliases'], 'B'], [['aliases'], [1]], [['humanName'], null], [['description'], 1], [['blockType'], undefined],
      [['fields'], {}], [['fields', 0], 'f'], [['fields', 0, 'name'], 1], [['fields', 0, 'required'], 'yes'], [['fields', 0, 'selectorKinds'], undefined],
      [['fields', 0, 'selectorTargets'], 'any_data'], [['fields', 0, 'containers'], [1]], [['fields', 0, 'literalTypes'], undefined], [['fields', 0, 'nullable'], 0],
      [['fields', 0, 'aliases'], 'g'], [['fields', 0, 'enumValues'], 'x'],
      [['outputs'], undefined], [['outputs', 0], null], [['outputs', 0, 'name'], undefined], [['outputs', 0, 'kinds'], 'string'],
      [['dynamicOutputs'], 'no'], [['modelIdFields'], [null]], [['credentialFields'], undefined], [['credentialFields', 0], []],
      [['credentialFields', 0, 'name'], 2], [['credentialFields', 0, 'required'], undefined], [['credentialFields', 0, 'acceptsRoboflowManagedKey'], 'false'], [['credentialFields', 0, 'reasons'], 'name'],
      [['usesRequestApiKey'], undefined], [['compatibility'], 1.3], [['enterprise'], 'true'],
      [['dimensionality'], []], [['dimensionality', 'outputOffset'], '0'], [['dimensionality', 'acceptsBatchInput'], undefined], [['dimensionality', 'batchParameters'], 'f'],
      [['dimensionality', 'batchOrScalarParameters'], undefined], [['dimensionality', 'autoBatchCasting'], [0]], [['dimensionality', 'inputOffsets'], { f: '1' }],
      [['dimensionality', 'inputOffsets'], { f: 1, g: null }], [['dimensionality', 'inputOffsets'], [1]], [['dimensionality', 'referenceProperty'], 1],
    ];
    for (const [path, value] of cases) assert.equal(isBlockSpec(broken(path, value)), false, `${path.join('.')} = ${JSON.stringify(value)}`);
    for (const value of [null, [], 'block', 1]) assert.equal(isBlockSpec(value), false, JSON.stringify(value));
  });

  it('keeps the well-formed blocks of a list, and none of anything else', () => {
    assert.deepEqual(usableBlocks([COMPLETE, broken(['type'], ''), null, COMPLETE]), [COMPLETE, COMPLETE]);
    assert.deepEqual(usableBlocks({ blocks: [COMPLETE] }), []);
    assert.deepEqual(usableBlocks(undefined), []);
  });
});
