/** Kind names registered by the engine (execution_engine/entities/types.py). */
export const KNOWN_KINDS: ReadonlySet<string> = new Set([
  '*', 'image', 'video_metadata', 'timestamp', 'roboflow_model_id', 'roboflow_project', 'roboflow_solution',
  'roboflow_api_key', 'ROBOFLOW_MANAGED_KEY', 'secret', 'float_zero_to_one', 'float', 'integer', 'boolean', 'string',
  'list_of_values', 'dictionary', 'bytes', 'top_class', 'rgb_color', 'point', 'zone', 'labeled_points', 'contours',
  'numpy_array', 'tensor', 'embedding', 'image_keypoints', 'serialised_payloads', 'detection', 'detections_overlaps',
  'object_detection_prediction', 'instance_segmentation_prediction', 'rle_instance_segmentation_prediction',
  'semantic_segmentation_prediction', 'keypoint_detection_prediction', 'classification_prediction', 'qr_code_detection',
  'bar_code_detection', 'prediction_type', 'parent_id', 'image_metadata', 'language_model_output', 'inference_id',
]);

/** The engine's rule: compatible unless both sides are concrete and share no kind name. */
export function kindsCompatible(accepted: readonly string[], provided: readonly string[]): boolean {
  if (!accepted.length || !provided.length) return true;
  if (accepted.includes('*') || provided.includes('*')) return true;
  return provided.some((kind) => accepted.includes(kind));
}
