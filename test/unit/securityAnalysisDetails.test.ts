import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { credentialInputBaseName, credentialInputKinds, selectorSafeName, uniqueName } from '../../src/core/analysis/inputNames';
import type { Provider } from '../../src/core/analysis/providers';
import { classifyModelId } from '../../src/core/analysis/publicModels';
import type { FieldSpec } from '../../src/core/catalog/types';
import { freshCatalog } from '../support/freshCatalog';

const openai: Provider = { id: 'openai', name: 'OpenAI', inputPrefix: 'openai', fixedAddress: true };

const fieldTaking = (selectorKinds: string[]): FieldSpec => ({ selectorKinds }) as unknown as FieldSpec;

function workflow(steps: object[], inputs: object[] = [{ type: 'WorkflowImage', name: 'image' }]): string {
  return JSON.stringify({ version: '1.0', inputs, steps, outputs: [] }, null, 2);
}

describe('security analysis details', () => {
  describe('names for inputs that replace written credentials', () => {
    it('turns any text into one lower-case selector word with single underscores', () => {
      assert.equal(selectorSafeName('My__API--Key'), 'my_api_key');
      assert.equal(selectorSafeName('-Token-'), 'token');
      assert.equal(selectorSafeName('__x__'), 'x');
    });

    it('prefixes the provider unless the field already names it', () => {
      assert.equal(credentialInputBaseName(openai, 'api_key'), 'openai_api_key');
      assert.equal(credentialInputBaseName(openai, 'openai_api_key'), 'openai_api_key');
      assert.equal(credentialInputBaseName(openai, 'OpenAI'), 'openai');
      assert.equal(credentialInputBaseName(openai, 'headers', 'X-Auth'), 'openai_x_auth');
    });

    it('calls a credential with no usable name a secret', () => {
      assert.equal(credentialInputBaseName(openai, 'headers', '!!!'), 'openai_secret');
    });

    it('numbers a taken name from 2 upwards', () => {
      assert.equal(uniqueName('key', new Set(['key', 'key_2'])), 'key_3');
      const taken = new Set<string>();
      assert.deepEqual([uniqueName('key', taken), uniqueName('key', taken), uniqueName('key', taken)], ['key', 'key_2', 'key_3']);
    });

    it('keeps counting up for the same set of names rather than reusing a freed number', () => {
      // The counter per set is what keeps many same-provider names linear.
      const taken = new Set(['key']);
      assert.equal(uniqueName('key', taken), 'key_2');
      taken.delete('key_2');
      assert.equal(uniqueName('key', taken), 'key_3');
    });

    it('gives new inputs the secret kind, plus one the field accepts when it takes no secret', () => {
      assert.deepEqual(credentialInputKinds(undefined), ['secret']);
      assert.deepEqual(credentialInputKinds(fieldTaking([])), ['secret']);
      assert.deepEqual(credentialInputKinds(fieldTaking(['secret', 'string'])), ['secret']);
      assert.deepEqual(credentialInputKinds(fieldTaking(['*'])), ['secret']);
      assert.deepEqual(credentialInputKinds(fieldTaking(['integer', 'string'])), ['secret', 'string']);
      assert.deepEqual(credentialInputKinds(fieldTaking(['dictionary', 'integer'])), ['secret', 'dictionary']);
    });
  });

  describe('which literal model ids count as public', () => {
    it('counts defaults and listed values of catalog model-id fields as built in', () => {
      const catalog = freshCatalog();
      assert.deepEqual(classifyModelId('glm-ocr', catalog), { visibility: 'public', reason: 'built-in' });
      assert.deepEqual(classifyModelId('qwen3_5-4b', catalog), { visibility: 'public', reason: 'built-in' });
    });

    it('counts generic and foundation model families as public', () => {
      const catalog = freshCatalog();
      assert.deepEqual(classifyModelId('clip/ViT-B-16', catalog), { visibility: 'public', reason: 'generic-model' });
      assert.deepEqual(classifyModelId('sam3/whatever', catalog), { visibility: 'public', reason: 'generic-model' });
    });

    it('reads a project only before a slash', () => {
      const catalog = freshCatalog();
      assert.deepEqual(classifyModelId('cocoa', catalog), { visibility: 'private' });
      assert.deepEqual(classifyModelId('clipx', catalog), { visibility: 'private' });
      assert.deepEqual(classifyModelId('coco/999', catalog), { visibility: 'public', reason: 'public-project' });
    });
  });

  describe('model uses in a workflow', () => {
    it('reports the block default when a model-id field is null', () => {
      const text = workflow([{ type: 'roboflow_core/glm_ocr@v1', name: 'ocr', images: '$inputs.image', model_version: null }]);
      const { models } = analyzeWorkflowSecurity(text, freshCatalog());
      assert.deepEqual(
        models.uses.map((u) => [u.stepName, u.field, u.source, u.modelId, u.visibility, u.publicReason]),
        [['ocr', 'model_version', 'block-default', 'glm-ocr', 'public', 'built-in']],
      );
    });

    it('leaves a model id from an input whose default is empty to run time', () => {
      const text = workflow(
        [{ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: '$inputs.model' }],
        [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'model', default_value: '' }],
      );
      const { models } = analyzeWorkflowSecurity(text, freshCatalog());
      assert.deepEqual(
        models.decidedAtRunTime.map((u) => [u.stepName, u.source, u.inputName, u.runTimeSource, u.modelId]),
        [['det', 'run-time', 'model', 'input', undefined]],
      );
      assert.deepEqual(models.privateModels, []);
    });

    it('counts a foundation-model version read from an input as public', () => {
      const text = workflow(
        [{ type: 'roboflow_core/clip@v1', name: 'emb', data: '$inputs.image', version: '$inputs.variant' }],
        [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'variant' }],
      );
      const { models } = analyzeWorkflowSecurity(text, freshCatalog());
      assert.deepEqual(
        models.uses.map((u) => [u.stepName, u.field, u.source, u.inputName, u.runTimeSource, u.visibility, u.publicReason]),
        [['emb', 'version', 'run-time', 'variant', 'input', 'public', 'foundation-block']],
      );
      assert.deepEqual(models.decidedAtRunTime, []);
    });

    it('counts a foundation-model version read from another step as public', () => {
      const text = workflow([{ type: 'roboflow_core/clip@v1', name: 'emb', data: '$inputs.image', version: '$steps.pick.output' }]);
      const { models } = analyzeWorkflowSecurity(text, freshCatalog());
      assert.deepEqual(
        models.uses.map((u) => [u.stepName, u.field, u.source, u.runTimeSource, u.visibility, u.publicReason]),
        [['emb', 'version', 'run-time', 'step-output', 'public', 'foundation-block']],
      );
    });
  });
});
