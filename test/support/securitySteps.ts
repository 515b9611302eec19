import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { bundledCatalog } from '../../src/core/catalog/bundled';

/** Steps and documents for tests of models, credentials and sharing. */

export const det = (modelId: unknown, name = 'det') => ({ type: 'roboflow_core/roboflow_object_detection_model@v2', name, images: '$inputs.image', model_id: modelId });

export const gpt = (apiKey: unknown, name = 'gpt') => ({ type: 'roboflow_core/open_ai@v2', name, images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: apiKey });

/** The security analysis of a workflow with an image input, the given steps and extra inputs. */
export function analysisOf(steps: object[], inputs: object[] = []) {
  const text = JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs: [] }, null, 2);
  return analyzeWorkflowSecurity(text, bundledCatalog());
}
