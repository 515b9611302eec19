import type { Catalog } from '../catalog/catalog';

/** Kind names registered by the engine (execution_engine/entities/types.py). */
export const KNOWN_KINDS: ReadonlySet<string> = new Set([
  '*', 'image', 'video_metadata', 'timestamp', 'roboflow_model_id', 'roboflow_project', 'roboflow_solution',
  'roboflow_api_key', 'ROBOFLOW_MANAGED_KEY', 'secret', 'float_zero_to_one', 'float', 'integer', 'boolean', 'string',
  'list_of_values', 'dictionary', 'bytes', 'top_class', 'rgb_color', 'point', 'zone', 'labeled_points', 'contours',
  'numpy_array', 'tensor', 'embedding', 'image_keypoints', 'serialised_payloads', 'detection', 'detections_overlaps',
  'object_detection_prediction', 'instance_segmentation_prediction', 'rle_instance_segmentation_prediction',
  'semantic_segmentation_prediction', 'keypoint_detection_prediction', 'classification_prediction', 'qr_code_detection',
  'bar_code_detection', 'prediction_type', 'parent_id', 'image_metadata', 'language_model_output', 'inference_id',
  'action_recognition_prediction',
]);

/**
 * The kind of a custom block's selector declared with an empty kind list: the engine then refuses
 * every step output and input but those of the wildcard kind (`*`), as kind checks treat a kind no
 * value has; an empty `selectorKinds` would mean "not judged". Input usage leaves it out, as the
 * engine does when it gathers the kinds an input is used as.
 */
export const NO_KIND = '(none: its selector_data_kind list is empty)';

const catalogKinds = new WeakMap<Catalog, ReadonlySet<string>>();

/** Kinds the engine knows: the registered ones, and any a block of the catalog declares (a newer release's). */
export function knownKinds(catalog: Catalog): ReadonlySet<string> {
  let kinds = catalogKinds.get(catalog);
  if (!kinds) {
    const all = new Set(KNOWN_KINDS);
    for (const block of catalog.data.blocks) {
      for (const field of block.fields) for (const kind of field.selectorKinds) all.add(kind);
      for (const output of block.outputs) for (const kind of output.kinds) all.add(kind);
    }
    catalogKinds.set(catalog, (kinds = all));
  }
  return kinds;
}

/**
 * The engine's rule (reference_type_checker.py): compatible when either side has `*`, otherwise
 * only when they share a kind name, so nothing (an input declared `"kind": []`) matches nothing.
 * A field whose kinds are unknown (no list at all) is not judged.
 */
export function kindsCompatible(accepted: readonly string[], provided: readonly string[]): boolean {
  if (!accepted.length) return true;
  if (accepted.includes('*') || provided.includes('*')) return true;
  return provided.some((kind) => accepted.includes(kind));
}
