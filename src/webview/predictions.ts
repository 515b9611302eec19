/**
 * What a workflow output value is, from its shape (the server's serialisers, reference §f):
 * an image (`{type: "base64", value}`), a list of images (crops), detections
 * (`{image: {width, height}, predictions: [{x, y, width, height, class, confidence, points?,
 * keypoints?}]}`), a classification (`{predictions: [{class, confidence}], top}` or multi-label
 * `{predictions: {class: {confidence}}, predicted_classes}`), or anything else (shown as JSON).
 * Pure: no DOM, unit-tested in Node.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Keypoint extends Point {
  name?: string;
  confidence?: number;
}

export interface Detection {
  /** Centre x / y, width and height, in image pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  classId?: number;
  confidence?: number;
  /** Instance segmentation polygon. */
  points?: Point[];
  keypoints?: Keypoint[];
  parentId?: string;
  trackerId?: number;
}

export interface ClassScore {
  name: string;
  confidence: number;
}

export type OutputShape =
  | { kind: 'image'; dataUrl: string }
  | { kind: 'images'; dataUrls: string[] }
  | { kind: 'detections'; image?: { width: number; height: number }; detections: Detection[]; variant: 'boxes' | 'polygons' | 'keypoints' }
  | { kind: 'classification'; multiLabel: boolean; top?: string; classes: ClassScore[]; image?: { width: number; height: number } }
  | { kind: 'json' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return Number.isFinite(value);
}

/** The image type the first base64 characters (the file's magic bytes) say, if one we show. */
function mimeFromMagic(data: string): string | undefined {
  // Built per call, not a module constant: a table evaluated at load time is not counted as covered by mutation testing.
  const magic: [prefix: string, mime: string][] = [
    ['/9j/', 'image/jpeg'],
    ['iVBORw0KGgo', 'image/png'],
    ['R0lGOD', 'image/gif'],
    ['UklGR', 'image/webp'],
    ['Qk', 'image/bmp'],
  ];
  return magic.find(([prefix]) => data.startsWith(prefix))?.[1];
}

/** `data:` URL for a base64 image the server sent, or undefined when it is not one we may show. */
export function imageDataUrl(value: unknown): string | undefined {
  if (!isRecord(value) || value.type !== 'base64' || typeof value.value !== 'string') return undefined;
  let data = value.value.replace(/\s+/g, '');
  const prefixed = /^data:image\/(png|jpeg|gif|webp|bmp);base64,/.exec(data);
  if (prefixed) data = data.slice(prefixed[0].length);
  if (data.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return undefined;
  const mime = prefixed ? `image/${prefixed[1]}` : mimeFromMagic(data);
  return mime ? `data:${mime};base64,${data}` : undefined;
}

function imageSize(value: unknown): { width: number; height: number } | undefined {
  if (!isRecord(value) || !isNumber(value.width) || !isNumber(value.height) || value.width <= 0 || value.height <= 0) return undefined;
  return { width: value.width, height: value.height };
}

function points(value: unknown): Point[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const list: Point[] = [];
  for (const p of value) {
    if (isRecord(p) && isNumber(p.x) && isNumber(p.y)) list.push({ x: p.x, y: p.y });
    else if (Array.isArray(p) && isNumber(p[0]) && isNumber(p[1])) list.push({ x: p[0], y: p[1] });
    else return undefined;
  }
  return list;
}

function keypoints(value: unknown): Keypoint[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const list: Keypoint[] = [];
  for (const k of value) {
    if (!isRecord(k) || !isNumber(k.x) || !isNumber(k.y)) return undefined;
    list.push({
      x: k.x,
      y: k.y,
      ...(typeof k.class === 'string' ? { name: k.class } : typeof k.class_name === 'string' ? { name: k.class_name } : {}),
      ...(isNumber(k.confidence) && { confidence: k.confidence }),
    });
  }
  return list;
}

function detection(value: unknown): Detection | undefined {
  if (!isRecord(value) || !isNumber(value.x) || !isNumber(value.y) || !isNumber(value.width) || !isNumber(value.height)) return undefined;
  const label = typeof value.class === 'string' ? value.class : typeof value.class_name === 'string' ? value.class_name : isNumber(value.class_id) ? `class ${value.class_id}` : 'object';
  const polygon = points(value.points);
  const kps = keypoints(value.keypoints);
  return {
    x: value.x,
    y: value.y,
    width: value.width,
    height: value.height,
    label,
    ...(isNumber(value.class_id) && { classId: value.class_id }),
    ...(isNumber(value.confidence) && { confidence: value.confidence }),
    ...(polygon && { points: polygon }),
    ...(kps && { keypoints: kps }),
    ...(typeof value.parent_id === 'string' && { parentId: value.parent_id }),
    ...(isNumber(value.tracker_id) && { trackerId: value.tracker_id }),
  };
}

function classification(value: Record<string, unknown>): OutputShape | undefined {
  const { predictions } = value;
  // Single-label: a list of {class, confidence}, sorted or not; `top` names the winner.
  if (Array.isArray(predictions) && predictions.length > 0 && predictions.every((p) => isRecord(p) && !('x' in p) && typeof p.class === 'string' && isNumber(p.confidence))) {
    const classes = (predictions as Record<string, unknown>[]).map((p) => ({ name: p.class as string, confidence: p.confidence as number })).sort((a, b) => b.confidence - a.confidence);
    return { kind: 'classification', multiLabel: false, top: typeof value.top === 'string' ? value.top : classes[0].name, classes, ...(imageSize(value.image) && { image: imageSize(value.image) }) };
  }
  // Multi-label: {class: {confidence, class_id}} with `predicted_classes`.
  if (isRecord(predictions) && Array.isArray(value.predicted_classes)) {
    const classes = Object.entries(predictions)
      .filter(([, p]) => isRecord(p) && isNumber(p.confidence))
      .map(([name, p]) => ({ name, confidence: (p as Record<string, number>).confidence }))
      .sort((a, b) => b.confidence - a.confidence);
    return { kind: 'classification', multiLabel: true, classes, ...(imageSize(value.image) && { image: imageSize(value.image) }) };
  }
  return undefined;
}

export function classifyOutput(value: unknown): OutputShape {
  const single = imageDataUrl(value);
  if (single) return { kind: 'image', dataUrl: single };
  if (Array.isArray(value) && value.length > 0) {
    const urls = value.map(imageDataUrl);
    if (urls.every((u): u is string => u !== undefined)) return { kind: 'images', dataUrls: urls };
    return { kind: 'json' };
  }
  if (!isRecord(value)) return { kind: 'json' };
  if (Array.isArray(value.predictions)) {
    const detections = value.predictions.map(detection);
    if (detections.every((d): d is Detection => d !== undefined) && (detections.length > 0 || imageSize(value.image))) {
      const variant = detections.some((d) => d.keypoints) ? 'keypoints' : detections.some((d) => d.points) ? 'polygons' : 'boxes';
      return { kind: 'detections', ...(imageSize(value.image) && { image: imageSize(value.image) }), detections, variant };
    }
  }
  return classification(value) ?? { kind: 'json' };
}

/** `0.91` → `91%`. */
export function percent(confidence: number | undefined): string {
  return confidence === undefined ? '' : `${Math.round(confidence * 100)}%`;
}

/** A stable colour slot (0–7) for a class: its id when known, else a hash of its name. */
export function colorSlot(d: { label: string; classId?: number }): number {
  if (d.classId !== undefined && d.classId >= 0) return d.classId % 8;
  let hash = 0;
  for (const char of d.label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 8;
}

/** The extent of the detections, for drawing when the output does not say the image's size. */
export function detectionBounds(detections: readonly Detection[]): { width: number; height: number } {
  let width = 1;
  let height = 1;
  // A loop, not Math.max(...points): a mask of a few hundred thousand points would overflow the stack.
  const reach = (p: { x: number; y: number }) => {
    width = Math.max(width, p.x);
    height = Math.max(height, p.y);
  };
  for (const d of detections) {
    reach({ x: d.x + d.width / 2, y: d.y + d.height / 2 });
    for (const p of d.points ?? []) reach(p);
    for (const k of d.keypoints ?? []) reach(k);
  }
  return { width: Math.ceil(width), height: Math.ceil(height) };
}
