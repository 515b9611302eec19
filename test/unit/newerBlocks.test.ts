import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { usableBlocks } from '../../src/core/catalog/blockShape';
import { blocksFromDescribe } from '../../src/core/catalog/fromDescribe';
import type { BlockSpec } from '../../src/core/catalog/types';
import { lintWorkflow } from '../../src/core/lint';
import { validateWorkflow } from '../../src/core/validate';
import { DETECTION_STEP, underlined, workflowText } from '../support/workflowText';

const catalog = bundledCatalog();

/** The newest `@vN` the bundled catalog has of a family: the tests hold after the catalog is regenerated. */
function newestKnown(family: string): { typeId: string; version: number } {
  const versions = catalog.typeIds.filter((id) => id.startsWith(`${family}@v`)).map((id) => Number(id.slice(family.length + 2)));
  assert.ok(versions.length, `the catalog has no ${family}`);
  const version = Math.max(...versions);
  return { typeId: `${family}@v${version}`, version };
}

const OPEN_AI = newestKnown('roboflow_core/open_ai');
const DETECTION = newestKnown('roboflow_core/roboflow_object_detection_model');
const NEWER_OPEN_AI = `roboflow_core/open_ai@v${OPEN_AI.version + 4}`;
const NEWER_DETECTION = `roboflow_core/roboflow_object_detection_model@v${DETECTION.version + 1}`;

/** A block as a server would describe it after conversion, for catalogs built in the tests. */
function block(type: string, aliases: string[] = [], outputs = [{ name: 'result', kinds: ['string'] }]): BlockSpec {
  return {
    type,
    aliases,
    humanName: type,
    description: '',
    blockType: 'transformation',
    fields: [{ name: 'images', required: true, selectorKinds: ['image'], selectorTargets: ['any_data'], containers: ['single'], literalTypes: [], nullable: false }],
    outputs,
    dynamicOutputs: false,
    modelIdFields: [],
    credentialFields: [],
    usesRequestApiKey: false,
  };
}

describe('a step type newer than the block catalog', () => {
  it('is a warning on the type, naming the catalog and the newest version it knows, and nothing else is said about the step', () => {
    const text = workflowText({
      steps: [{ type: NEWER_OPEN_AI, name: 'gpt', images: '$inputs.image', confidance: 'high', max_tokens: 'lots', brand_new_field: { any: 'thing' } }],
      outputs: [{ type: 'JsonField', name: 'answer', selector: '$steps.gpt.output' }],
    });
    const findings = validateWorkflow(text, catalog).findings;
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['block-newer-than-catalog', 'warning']]);
    const [finding] = findings;
    assert.equal(underlined(text, finding), JSON.stringify(NEWER_OPEN_AI));
    assert.equal(
      finding.message,
      `\`${NEWER_OPEN_AI}\` is newer than the block catalog (${catalog.data.source}, newest known: \`${OPEN_AI.typeId}\`). ` +
        'Refresh the catalog from your server to check this step; until then its fields and outputs are not checked.',
    );
    assert.equal(finding.fixes, undefined, 'no edit can fix it: the quick fix is the editor\'s refresh command');
  });

  it('raises no false errors or hints downstream: outputs, kinds, lineage through crops, unused steps and inputs', () => {
    const text = workflowText({
      inputs: [
        { type: 'WorkflowImage', name: 'image' },
        { type: 'WorkflowParameter', name: 'prompt' },
      ],
      steps: [
        { type: NEWER_DETECTION, name: 'det', images: '$inputs.image', model_id: 'yolov8n-640', brand_new_option: true },
        { type: 'roboflow_core/dynamic_crop@v1', name: 'crop', images: '$inputs.image', predictions: '$steps.det.predictions' },
        { type: 'roboflow_core/roboflow_classification_model@v2', name: 'cls', images: '$steps.crop.crops', model_id: 'yolov8n-640', confidence: '$steps.det.brand_new_score' },
        { type: 'roboflow_core/bounding_box_visualization@v1', name: 'viz', image: '$inputs.image', predictions: '$steps.det.predictions' },
        // Reads a known step nobody else reads, and an input nothing else reads.
        { type: NEWER_OPEN_AI, name: 'gpt', images: '$steps.viz.image', prompt: '$inputs.prompt' },
      ],
      outputs: [
        { type: 'JsonField', name: 'classes', selector: '$steps.cls.predictions' },
        { type: 'JsonField', name: 'everything', selector: '$steps.det.*' },
        { type: 'JsonField', name: 'answer', selector: '$steps.gpt.output' },
        { type: 'JsonField', name: 'new_output', selector: '$steps.gpt.brand_new_output' },
      ],
    });
    const findings = lintWorkflow(text, catalog).findings;
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.code} ${underlined(text, f)}`),
      [
        `warning block-newer-than-catalog ${JSON.stringify(NEWER_DETECTION)}`,
        `warning block-newer-than-catalog ${JSON.stringify(NEWER_OPEN_AI)}`,
        // Analysed as the newest known open_ai, whose api_key defaults to a Roboflow-managed key.
        `information managed-key ${JSON.stringify(NEWER_OPEN_AI)}`,
      ],
    );
  });

  it('still reports real mistakes around it: a selector to a step that does not exist', () => {
    const text = workflowText({
      steps: [
        { type: NEWER_DETECTION, name: 'det', images: '$inputs.image', model_id: 'yolov8n-640' },
        { type: 'roboflow_core/bounding_box_visualization@v1', name: 'viz', image: '$inputs.image', predictions: '$steps.dett.predictions' },
      ],
      outputs: [{ type: 'JsonField', name: 'viz', selector: '$steps.viz.image' }],
    });
    const errors = validateWorkflow(text, catalog).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => [f.code, underlined(text, f)]), [['unknown-step', 'dett']]);
  });

  it('finds the family through block aliases too', () => {
    const merged = catalog.withBlocks([block('acme/widget@v1', ['acme/gadget@v2', 'Gadget'])]);
    const text = workflowText({ steps: [{ type: 'acme/gadget@v3', name: 'g', images: '$inputs.image' }], outputs: [{ type: 'JsonField', name: 'g', selector: '$steps.g.result' }] });
    const [finding] = validateWorkflow(text, merged).findings;
    assert.equal(finding.code, 'block-newer-than-catalog');
    assert.match(finding.message, /newest known: `acme\/gadget@v2`/);
  });

  it('stays an unknown-block-type error for @v0, a lower version missing from the family, an unknown family or a malformed suffix', () => {
    const merged = catalog.withBlocks([block('acme/widget@v2'), block('acme/widget@v4')]);
    for (const type of ['acme/widget@v0', 'acme/widget@v1', 'acme/widget@v3', 'acme/unheard_of@v7', 'acme/widget@v05', 'acme/widget@v', 'acme/widget']) {
      const text = workflowText({ steps: [{ type, name: 'w', images: '$inputs.image' }], outputs: [] });
      const codes = validateWorkflow(text, merged).findings.map((f) => `${f.severity} ${f.code}`);
      assert.deepEqual(codes, ['error unknown-block-type'], type);
    }
    const newer = workflowText({ steps: [{ type: 'acme/widget@v5', name: 'w', images: '$inputs.image' }], outputs: [] });
    assert.deepEqual(validateWorkflow(newer, merged).findings.map((f) => f.code), ['block-newer-than-catalog']);
    const known = workflowText({ steps: [{ type: 'acme/widget@v4', name: 'w', images: '$inputs.image' }], outputs: [{ type: 'JsonField', name: 'w', selector: '$steps.w.result' }] });
    assert.deepEqual(validateWorkflow(known, merged).findings, []);
  });

  it('goes away once the catalog knows the version; the step is then checked, and messages name the server\'s blocks', () => {
    const text = workflowText({
      steps: [{ type: NEWER_OPEN_AI, name: 'gpt', images: '$inputs.image', imagez: '$inputs.image' }],
      outputs: [{ type: 'JsonField', name: 'answer', selector: '$steps.gpt.result' }],
    });
    const refreshed = catalog.withBlocks([block(NEWER_OPEN_AI)], 'blocks from http://localhost:9001');
    assert.equal(refreshed.data.source, `${catalog.data.source} + blocks from http://localhost:9001`);
    const findings = validateWorkflow(text, refreshed).findings;
    assert.deepEqual(findings.map((f) => [f.code, underlined(text, f)]), [['unknown-property', '"imagez"']]);

    const stillNewer = workflowText({ steps: [{ type: `roboflow_core/open_ai@v${OPEN_AI.version + 9}`, name: 'gpt', images: '$inputs.image' }], outputs: [] });
    assert.match(validateWorkflow(stillNewer, refreshed).findings[0].message, new RegExp(`\\+ blocks from http://localhost:9001, newest known: \`${NEWER_OPEN_AI}\``));
  });
});

describe('the catalog merged with a server\'s blocks stays sane', () => {
  it('an older server describing fewer blocks makes no bundled block unknown', () => {
    const merged = catalog.withBlocks([block('acme/widget@v1')]);
    for (const id of catalog.typeIds) assert.ok(merged.block(id), id);
    assert.deepEqual(validateWorkflow(workflowText(), merged).findings, []);
  });

  it('a server block replaces the bundled block of the same type, and only that one', () => {
    const replaced = block(DETECTION_STEP.type, [], [{ name: 'predictions', kinds: ['object_detection_prediction'] }]);
    const merged = catalog.withBlocks([replaced]);
    const served = merged.block(DETECTION_STEP.type)!;
    assert.deepEqual({ fields: served.fields, outputs: served.outputs }, { fields: replaced.fields, outputs: replaced.outputs });
    // The bundled block's model-id fields survive only where the server's block still has the field.
    assert.deepEqual(served.modelIdFields, []);
    assert.equal(merged.typeIds.length, catalog.typeIds.length);
  });

  it('a damaged cached catalog keeps only well-formed blocks', () => {
    const good = block('acme/widget@v1');
    const damaged = [null, 'x', { ...good, type: 'acme/no_fields@v1', fields: undefined }, { ...good, type: 'acme/bad_field@v1', fields: [{ name: 'images' }] }, { ...good, type: 'acme/bad_alias@v1', aliases: 'A' }];
    assert.deepEqual(usableBlocks([...damaged, good]), [good]);
    assert.deepEqual(usableBlocks({ blocks: [good] }), []);
    assert.deepEqual(usableBlocks(catalog.data.blocks).length, catalog.data.blocks.length, 'every bundled block has the checked shape');
  });

  it('a malformed describe answer skips the entries it cannot read, and validation keeps working', () => {
    const good = {
      manifest_type_identifier: 'acme/plate_reader@v1',
      block_schema: { type: 'object', properties: { type: { enum: ['acme/plate_reader@v1'] }, name: { type: 'string' }, images: { type: 'string' } }, required: ['type', 'name'] },
      outputs_manifest: [{ name: 'plates', kind: [{ name: 'string' }] }],
    };
    const broken = [
      null,
      42,
      { manifest_type_identifier: '', block_schema: {} },
      { manifest_type_identifier: 'acme/a@v1', block_schema: 'nope' },
      { manifest_type_identifier: 'acme/b@v1', block_schema: { properties: { x: null, y: 'string', z: { anyOf: 'not a list' } } } },
      { manifest_type_identifier: 'acme/f@v1', block_schema: {}, outputs_manifest: 'plates' },
      { manifest_type_identifier: 'acme/c@v1', block_schema: { required: 7 } },
      { manifest_type_identifier: 'acme/d@v1', block_schema: {}, outputs_manifest: [{ name: 'o', kind: [null] }] },
      { manifest_type_identifier: 'acme/e@v1', manifest_type_identifier_aliases: 'E', block_schema: {} },
    ];
    const blocks = blocksFromDescribe({ blocks: [...broken, good] });
    assert.deepEqual(blocks.map((b) => b.type).sort(), ['acme/b@v1', 'acme/e@v1', 'acme/plate_reader@v1'], 'readable entries are kept, with what could be read');
    assert.deepEqual(blocks.find((b) => b.type === 'acme/e@v1')!.aliases, []);
    const merged = catalog.withBlocks(blocks);
    const text = workflowText({ steps: [DETECTION_STEP, { type: 'acme/plate_reader@v1', name: 'plates', images: '$inputs.image' }], outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.plates.plates' }] });
    assert.deepEqual(validateWorkflow(text, merged).findings.map((f) => f.code), ['unused-step']);
  });
});

describe('a step newer than the catalog is analysed as the newest known version of its block', () => {
  const KEY = 'sk-proj-' + 'Q'.repeat(40);

  it('a secret written into it is still a literal-secret error, with its value nowhere in the message', () => {
    const text = workflowText({
      steps: [{ type: NEWER_OPEN_AI, name: 'gpt', images: '$inputs.image', prompt: 'Describe', api_key: KEY }],
      outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.gpt.output' }],
    });
    const findings = lintWorkflow(text, catalog).findings;
    const secret = findings.find((f) => f.code === 'literal-secret');
    assert.ok(secret, `no literal-secret among ${findings.map((f) => f.code)}`);
    assert.equal(secret.severity, 'error');
    assert.equal(underlined(text, secret), JSON.stringify(KEY));
    assert.ok(!findings.some((f) => f.message.includes(KEY)), 'the key is quoted in a message');
    assert.ok(findings.some((f) => f.code === 'block-newer-than-catalog'));
  });

  it('a private model id in it is still flagged', () => {
    const text = workflowText({
      steps: [{ type: NEWER_DETECTION, name: 'det', images: '$inputs.image', model_id: 'acme-hard-hats/7' }],
    });
    const codes = lintWorkflow(text, catalog).findings.map((f) => f.code);
    assert.ok(codes.includes('private-model'), `codes: ${codes}`);
  });
});
