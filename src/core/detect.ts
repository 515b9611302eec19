import type { Node } from 'jsonc-parser';
import { propertyNode } from './parse/tree';

/** Files matched by name are workflows whatever their content. */
export const WORKFLOW_FILE_SUFFIX = '.workflow.json';

/**
 * A JSON document is a workflow when it has `steps` together with `version`, `inputs` or
 * `outputs` at the top level. Other JSON is never touched.
 */
export function looksLikeWorkflow(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  return !!propertyNode(root, 'steps') && (!!propertyNode(root, 'version') || !!propertyNode(root, 'inputs') || !!propertyNode(root, 'outputs'));
}

/** Cheap pre-check on raw text before parsing, so unrelated JSON costs almost nothing. */
export function mayBeWorkflowText(text: string): boolean {
  return text.includes('"steps"');
}
