import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { blocksFromDescribe } from '../../src/core/catalog/fromDescribe';
import { validateWorkflow } from '../../src/core/validate';
import { workflowText } from '../support/workflowText';

/** A describe answer shaped as the server's (Pydantic schemas with selector extras). */
const response = {
  blocks: [
    {
      manifest_type_identifier: 'acme/plate_reader@v1',
      manifest_type_identifier_aliases: ['PlateReader'],
      human_friendly_block_name: 'Plate Reader',
      block_schema: {
        type: 'object',
        name: 'Plate Reader',
        short_description: 'Reads plates.',
        block_type: 'model',
        properties: {
          type: { enum: ['acme/plate_reader@v1', 'PlateReader'] },
          name: { type: 'string' },
          images: { anyOf: [{ type: 'string', pattern: '^\\$inputs', reference: true, selected_element: 'any_data', kind: [{ name: 'image', description: '' }] }] },
          region: { anyOf: [{ $ref: '#/$defs/Region' }, { type: 'string', reference: true, selected_element: 'any_data', kind: [{ name: 'string' }] }], default: 'eu' },
          threshold: { anyOf: [{ type: 'number' }, { type: 'null' }], default: null },
          token: { anyOf: [{ type: 'string', reference: true, selected_element: 'any_data', kind: [{ name: 'secret' }] }, { type: 'string' }], private: true },
        },
        required: ['type', 'name', 'images'],
        $defs: { Region: { enum: ['eu', 'us'] } },
      },
      outputs_manifest: [{ name: 'plates', kind: [{ name: 'string' }] }],
      execution_engine_compatibility: '>=1.3.0,<2.0.0',
      output_dimensionality_offset: 0,
    },
    { broken: true },
  ],
};

describe('catalog from a server\'s block description', () => {
  let blocks: ReturnType<typeof blocksFromDescribe>;
  beforeEach(() => {
    blocks = blocksFromDescribe(response);
  });

  it('reads types, aliases, fields, selectors, enums, defaults and outputs', () => {
    assert.equal(blocks.length, 1);
    const [block] = blocks;
    assert.deepEqual([block.type, block.aliases, block.humanName, block.blockType], ['acme/plate_reader@v1', ['PlateReader'], 'Plate Reader', 'model']);
    const region = block.fields.find((f) => f.name === 'region')!;
    assert.deepEqual(region.enumValues, ['eu', 'us']);
    assert.deepEqual(region.selectorKinds, ['string']);
    assert.equal(region.default, 'eu');
    assert.equal(block.fields.find((f) => f.name === 'threshold')!.nullable, true);
    assert.deepEqual(block.credentialFields.map((c) => c.name), ['token']);
    assert.deepEqual(block.outputs, [{ name: 'plates', kinds: ['string'] }]);
  });

  it('lets the validator know custom blocks once merged', () => {
    const step = { type: 'acme/plate_reader@v1', name: 'plates', images: '$inputs.image', regoin: 'us' };
    const text = workflowText({ steps: [step], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.plates.plates' }] });
    assert.equal(validateWorkflow(text, bundledCatalog()).findings[0].code, 'unknown-block-type');
    const merged = bundledCatalog().withBlocks(blocks);
    const findings = validateWorkflow(text, merged).findings;
    assert.deepEqual(findings.map((f) => f.code), ['unknown-property']);
    assert.match(findings[0].message, /Did you mean `region`/);
  });

  it('refuses an answer without blocks', () => {
    assert.throws(() => blocksFromDescribe({ detail: 'Not found' }), /no `blocks` list/);
  });
});
