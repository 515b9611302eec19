import type { Finding } from '../../src/core/findings';

/** Builds workflow documents for tests, pretty-printed like a user's file. */
export function workflowText(parts: { version?: string; inputs?: unknown[]; steps?: unknown[]; outputs?: unknown[] } = {}): string {
  return JSON.stringify(
    {
      version: parts.version ?? '1.0',
      inputs: parts.inputs ?? [{ type: 'WorkflowImage', name: 'image' }],
      steps: parts.steps ?? [{ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640' }],
      outputs: parts.outputs ?? [{ type: 'JsonField', name: 'predictions', selector: '$steps.det.predictions' }],
    },
    null,
    2,
  );
}

export const DETECTION_STEP = { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640' };

/** The text a finding's range covers: what the squiggle underlines. */
export function underlined(text: string, finding: Finding): string {
  return text.slice(finding.range.offset, finding.range.offset + finding.range.length);
}

export function applyFix(text: string, finding: Finding, index = 0): string {
  const edits = [...(finding.fixes?.[index]?.edits ?? [])].sort((a, b) => b.offset - a.offset);
  if (!edits.length) throw new Error(`finding ${finding.code} has no fix ${index}`);
  return edits.reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
}
