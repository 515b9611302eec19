/** Input types and their meaning (reference §a), for completion and hover. */
export interface InputTypeDoc {
  type: string;
  documentation: string;
  deprecated?: boolean;
}

export const INPUT_TYPE_DOCS: readonly InputTypeDoc[] = [
  { type: 'WorkflowImage', documentation: 'An image the run sends (a batch input); kind `image`.' },
  { type: 'WorkflowParameter', documentation: 'A single value the run may send; a missing one becomes `default_value`. Kind `*` unless `kind` says otherwise.' },
  { type: 'WorkflowBatchInput', documentation: 'A batch of values of any kind; `dimensionality` 1 unless set.' },
  { type: 'WorkflowVideoMetadata', documentation: 'Video metadata (kind `video_metadata`). Deprecated since Execution Engine 1.2.0: video metadata now rides on the image.', deprecated: true },
  { type: 'InferenceImage', documentation: 'Legacy name of `WorkflowImage`.', deprecated: true },
  { type: 'InferenceParameter', documentation: 'Legacy name of `WorkflowParameter`.', deprecated: true },
];
