/** Pan and zoom of the drawing: a translation and a scale, clamped to sensible zooms. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 3;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The viewport that shows a `width` × `height` drawing whole, centred, in a `viewWidth` × `viewHeight` box. */
export function fitViewport(width: number, height: number, viewWidth: number, viewHeight: number): Viewport {
  if (width <= 0 || height <= 0 || viewWidth <= 0 || viewHeight <= 0) return { x: 0, y: 0, scale: 1 };
  const scale = clampScale(Math.min(1, viewWidth / width, viewHeight / height));
  return { x: (viewWidth - width * scale) / 2, y: (viewHeight - height * scale) / 2, scale };
}

/** Zooms by `factor` keeping the point (`cx`, `cy`) of the view where it is. */
export function zoomAt(view: Viewport, factor: number, cx: number, cy: number): Viewport {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k, scale };
}

export function isViewport(value: unknown): value is Viewport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  // Number.isFinite is false for anything but a finite number: no typeof check needed.
  return [v.x, v.y, v.scale].every((n) => Number.isFinite(n)) && (v.scale as number) > 0;
}
