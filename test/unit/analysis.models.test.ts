import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { classifyModelId, PUBLIC_MODEL_DATA } from '../../src/core/analysis/publicModels';
import { bundledCatalog } from '../../src/core/catalog/bundled';

const catalog = bundledCatalog();

function workflow(steps: object[], inputs: object[] = [{ type: 'WorkflowImage', name: 'image' }]): string {
  return JSON.stringify({ version: '1.0', inputs, steps, outputs: [] }, null, 2);
}

function detector(name: string, modelId: unknown, type = 'roboflow_core/roboflow_object_detection_model@v2'): object {
  return { type, name, images: '$inputs.image', model_id: modelId };
}

describe('analysis: model ids', () => {
  describe('classifyModelId', () => {
    const cases: [string, string, string?][] = [
      ['yolov8n-640', 'public', 'alias'],
      ['rfdetr-base', 'public', 'alias'],
      ['coco/3', 'public', 'alias-target'],
      ['microsoft/coco-pose-detection-17-rfdetr-keypoint-preview-t1', 'public', 'alias-target'],
      ['coco/999', 'public', 'public-project'],
      ['coco-dataset-vdnr1/77', 'public', 'public-project'],
      ['coco-pose-detection/99', 'public', 'public-project'],
      ['some-new-pretrains/4', 'public', 'public-project'],
      ['clip/ViT-B-16', 'public', 'generic-model'],
      ['sam2/hiera_tiny', 'public', 'generic-model'],
      ['doctr/default', 'public', 'generic-model'],
      ['yolo_world/v2-s', 'public', 'generic-model'],
      ['sam3/sam3_final', 'public', 'built-in'],
      ['sam3/sam3_next', 'public', 'generic-model'],
      ['sam3video', 'public', 'built-in'],
      ['glm-ocr', 'public', 'built-in'],
      ['acme/3', 'private'],
      ['dog-breed-xpaq6/1', 'private'],
      ['microsoft/some-other-model', 'private'],
      ['my-workspace/instant-model', 'private'],
      ['coconut/3', 'private'],
    ];
    for (const [id, visibility, reason] of cases) {
      it(`${id} is ${visibility}${reason ? ` (${reason})` : ''}`, () => {
        const verdict = classifyModelId(id, catalog);
        assert.equal(verdict.visibility, visibility);
        if (reason) assert.equal(verdict.visibility === 'public' && verdict.reason, reason);
      });
    }

    it('covers the project of every alias target shared by several aliases', () => {
      const counts = new Map<string, number>();
      for (const target of Object.values(catalog.data.modelAliases)) {
        const project = target.split('/')[0];
        counts.set(project, (counts.get(project) ?? 0) + 1);
      }
      for (const [project, count] of counts) {
        if (count < 2) continue;
        const listed = PUBLIC_MODEL_DATA.publicProjects.includes(project) || PUBLIC_MODEL_DATA.publicProjectSuffixes.some((s) => project.endsWith(s));
        assert.ok(listed, `alias project ${project} is missing from public-models.json`);
      }
    });
  });

  describe('analyzeModels', () => {
    it('locates a literal private model on its value', () => {
      const text = workflow([detector('det', 'acme/3'), detector('pub', 'yolov8n-640')]);
      const { models } = analyzeWorkflowSecurity(text, catalog);
      assert.equal(models.privateModels.length, 1);
      const [use] = models.privateModels;
      assert.equal(use.stepName, 'det');
      assert.equal(use.modelId, 'acme/3');
      assert.equal(use.source, 'literal');
      assert.equal(text.slice(use.range.offset, use.range.offset + use.range.length), '"acme/3"');
      assert.equal(models.uses.find((u) => u.stepName === 'pub')?.visibility, 'public');
    });

    it('uses the default_value of the input a model id selects', () => {
      const text = workflow([detector('det', '$inputs.model')], [
        { type: 'WorkflowImage', name: 'image' },
        { type: 'WorkflowParameter', name: 'model', default_value: 'acme/7' },
      ]);
      const { models } = analyzeWorkflowSecurity(text, catalog);
      const [use] = models.privateModels;
      assert.equal(use.source, 'input-default');
      assert.equal(use.inputName, 'model');
      assert.equal(use.modelId, 'acme/7');
      assert.equal(text.slice(use.range.offset, use.range.offset + use.range.length), '"$inputs.model"');
      assert.equal(text.slice(use.inputDefaultRange!.offset, use.inputDefaultRange!.offset + use.inputDefaultRange!.length), '"acme/7"');
      assert.equal(models.decidedAtRunTime.length, 0);
    });

    it('treats an input without a default, or a step output, as decided at run time', () => {
      const text = workflow([detector('a', '$inputs.model'), detector('b', '$steps.parser.model_id')], [
        { type: 'WorkflowImage', name: 'image' },
        { type: 'WorkflowParameter', name: 'model' },
      ]);
      const { models } = analyzeWorkflowSecurity(text, catalog);
      assert.deepEqual(models.decidedAtRunTime.map((u) => [u.stepName, u.runTimeSource]), [['a', 'input'], ['b', 'step-output']]);
      assert.equal(models.privateModels.length, 0);
    });

    it('follows legacy type aliases (ClassificationModel)', () => {
      const text = workflow([{ type: 'ClassificationModel', name: 'cls', image: '$inputs.image', model_id: 'dog-breed-xpaq6/1' }]);
      assert.deepEqual(analyzeWorkflowSecurity(text, catalog).models.privateModels.map((u) => u.modelId), ['dog-breed-xpaq6/1']);
    });

    it('counts foundation-model variants (clip version) as public, even from an input', () => {
      const text = workflow(
        [
          { type: 'roboflow_core/clip@v1', name: 'clip', data: '$inputs.image', version: '$inputs.variant' },
          { type: 'roboflow_core/yolo_world_model@v1', name: 'yw', images: '$inputs.image', class_names: ['a'], version: 'v2-s' },
        ],
        [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'variant' }],
      );
      const { models } = analyzeWorkflowSecurity(text, catalog);
      assert.equal(models.privateModels.length, 0);
      assert.equal(models.decidedAtRunTime.length, 0);
      assert.ok(models.uses.every((u) => u.visibility === 'public' && u.publicReason === 'foundation-block'));
    });

    it('reports block defaults (sam3) as public and ignores blocks without models', () => {
      const text = workflow([
        { type: 'roboflow_core/sam3@v3', name: 'sam', images: '$inputs.image' },
        { type: 'roboflow_core/bounding_box_visualization@v1', name: 'viz', image: '$inputs.image', predictions: '$steps.sam.predictions' },
      ]);
      const { models } = analyzeWorkflowSecurity(text, catalog);
      assert.deepEqual(models.uses.map((u) => [u.stepName, u.source, u.modelId, u.visibility]), [['sam', 'block-default', 'sam3/sam3_final', 'public']]);
    });

    it('classifies fine-tuned ids in other fields (qwen_vlm fine_tuned_model_id)', () => {
      const text = workflow([{ type: 'roboflow_core/qwen_vlm@v2', name: 'q', images: '$inputs.image', prompt: 'hi', fine_tuned_model_id: 'acme-qwen/2' }]);
      const { models } = analyzeWorkflowSecurity(text, catalog);
      assert.deepEqual(models.privateModels.map((u) => [u.field, u.modelId]), [['fine_tuned_model_id', 'acme-qwen/2']]);
    });

    it('ignores steps of unknown types and malformed values', () => {
      const text = workflow([{ type: 'acme/custom@v1', name: 'x', model_id: 'acme/3' }, detector('det', 42), detector('bad', '$inputs.')]);
      assert.equal(analyzeWorkflowSecurity(text, catalog).models.uses.length, 0);
    });

    it('returns an empty analysis for text that is not an object', () => {
      for (const text of ['', '[]', '{ "version": ']) {
        const analysis = analyzeWorkflowSecurity(text, catalog);
        assert.equal(analysis.models.uses.length, 0);
      }
    });
  });
});
