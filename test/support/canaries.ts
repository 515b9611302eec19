/**
 * Canary secret values for the integration tests of SecretStorage, sharing and code lenses. They
 * look like real keys (so the analysis treats them as credentials) and are unique enough to be
 * searched for afterwards: none may appear in the run's workspace, user-data folder or logs.
 * No committed fixture contains them; tests write the workflows that do (see workflowWithLiteralKey).
 */
export const CANARY_OPENAI_KEY = 'sk-CANARY-openai-7f3a91c2e4b8d605';
export const CANARY_ROBOFLOW_API_KEY = 'rf-CANARY-apikey-2b9e64d1a7c3f850';
export const CANARY_CREDENTIAL = 'CANARY-credential-5d08c3b7e2f9a416';

export const ALL_CANARIES: readonly string[] = [CANARY_OPENAI_KEY, CANARY_ROBOFLOW_API_KEY, CANARY_CREDENTIAL];

/**
 * Workspace files the integration tests write with a canary key in them on purpose (a key a user
 * pasted into a workflow). VS Code's local history keeps their versions from before an edit: those
 * copies are the user's own content, and the leak scan leaves them, and only them, out.
 */
export const FILES_SEEDED_WITH_A_KEY: readonly string[] = [
  'sharing/literal-key.workflow.json',
  'sharing/literal-lens.workflow.json',
  'sharing/literal-export.workflow.json',
  'sharing/stored-key-hook.workflow.json',
  'sharing/stored-key-payload.workflow.json',
];

/** A workflow whose OpenAI step has its key written in the file (the Move-to-SecretStorage case). */
export function workflowWithLiteralKey(key: string = CANARY_OPENAI_KEY, modelId?: string): string {
  const steps: unknown[] = [];
  if (modelId) steps.push({ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: modelId });
  steps.push({ type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'Describe the scene', api_key: key });
  return `${JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps,
      outputs: [{ type: 'JsonField', name: 'description', selector: '$steps.gpt.output' }],
    },
    null,
    2,
  )}\n`;
}
