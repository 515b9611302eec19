import { h, s } from './dom';
import { colorSlot, detectionBounds, percent, type ClassScore, type Detection } from './predictions';

/** Predictions drawn over the input image, in one SVG whose coordinates are the image's pixels:
 * boxes, instance polygons and keypoints, each with its class and confidence, plus a table of the
 * same for keyboard and screen-reader users. Colours are theme variables (see preview.css). */

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function labelText(d: Detection): string {
  return `${d.label}${d.confidence !== undefined ? ` ${percent(d.confidence)}` : ''}`;
}

function drawDetection(d: Detection, fontSize: number, index: number): SVGGElement {
  const left = d.x - d.width / 2;
  const top = d.y - d.height / 2;
  const shapes: SVGElement[] = [];
  if (d.points && d.points.length >= 3) {
    shapes.push(s('polygon', { class: 'mask', points: d.points.map((p) => `${p.x},${p.y}`).join(' ') }));
  }
  shapes.push(s('rect', { class: 'box', x: left, y: top, width: d.width, height: d.height }));
  for (const k of d.keypoints ?? []) {
    shapes.push(s('circle', { class: 'keypoint', cx: k.x, cy: k.y, r: Math.max(1.5, fontSize / 4) }, s('title', {}, [k.name ?? 'keypoint', percent(k.confidence)].filter(Boolean).join(' '))));
  }
  const text = labelText(d);
  const labelWidth = text.length * fontSize * 0.62 + fontSize * 0.6;
  const labelHeight = fontSize * 1.35;
  const labelY = top - labelHeight >= 0 ? top - labelHeight : top;
  return s(
    'g',
    { class: `detection c${colorSlot(d)}`, 'data-index': index },
    s('title', {}, text),
    shapes,
    s('rect', { class: 'label-bg', x: left, y: labelY, width: labelWidth, height: labelHeight }),
    s('text', { class: 'label', x: left + fontSize * 0.3, y: labelY + fontSize * 1.02, 'font-size': fontSize.toFixed(2) }, text),
  );
}

export interface OverlayOptions {
  detections: Detection[];
  /** The picture to draw on (a data URL), or none: drawn on an empty canvas of the image's size. */
  baseImage?: string;
  size?: { width: number; height: number };
  caption: string;
}

export function detectionsFigure(options: OverlayOptions): HTMLElement {
  const size = options.size ?? detectionBounds(options.detections);
  // About 12–15 px on screen whatever the image's size (the figure is drawn 500–760 px wide).
  const fontSize = 15 * Math.max(size.width / 640, size.height / 480, 0.05);
  const summary = options.detections.length
    ? options.detections.map((d) => labelText(d)).join(', ')
    : 'nothing detected';
  const svg = s(
    'svg',
    { class: 'overlay', viewBox: `0 0 ${size.width} ${size.height}`, role: 'img', 'aria-label': `${options.caption}: ${summary}`, preserveAspectRatio: 'xMidYMid meet' },
    options.baseImage
      ? s('image', { href: options.baseImage, x: 0, y: 0, width: size.width, height: size.height, preserveAspectRatio: 'none' })
      : s('rect', { class: 'blank', x: 0, y: 0, width: size.width, height: size.height }),
    options.detections.map((d, i) => drawDetection(d, fontSize, i)),
  );
  const table = h(
    'details',
    { class: 'detections-table', 'data-key': `table:${options.caption}` },
    h('summary', {}, plural(options.detections.length, 'object')),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Class'), h('th', { scope: 'col' }, 'Confidence'), h('th', { scope: 'col' }, 'Box (x, y, w, h)'), h('th', { scope: 'col' }, 'Shape'))),
      h(
        'tbody',
        {},
        options.detections.map((d) =>
          h(
            'tr',
            {},
            h('td', {}, h('span', { class: `swatch c${colorSlot(d)}`, 'aria-hidden': 'true' }), d.label),
            h('td', {}, percent(d.confidence)),
            h('td', {}, [d.x, d.y, d.width, d.height].map((n) => Math.round(n)).join(', ')),
            h('td', {}, d.keypoints ? plural(d.keypoints.length, 'keypoint') : d.points && d.points.length >= 3 ? `polygon, ${plural(d.points.length, 'point')}` : 'box'),
          ),
        ),
      ),
    ),
  );
  return h('figure', { class: 'figure' }, h('div', { class: 'canvas' }, svg), !options.baseImage && h('figcaption', { class: 'muted' }, 'Drawn without the picture: the input image is not available here (given by URL, or not an input of this run).'), table);
}

export function classificationView(classes: ClassScore[], top: string | undefined, multiLabel: boolean, baseImage?: string): HTMLElement {
  const shown = classes.slice(0, 10);
  return h(
    'div',
    { class: 'classification' },
    baseImage && h('img', { class: 'thumb-large', src: baseImage, alt: top ? `Input image, classified as ${top}` : 'Input image' }),
    h(
      'div',
      {},
      top && h('p', { class: 'top-class' }, h('strong', {}, top), ` ${percent(classes.find((c) => c.name === top)?.confidence)}`),
      h(
        'ul',
        { class: 'bars', 'aria-label': multiLabel ? 'Class confidences (multi-label)' : 'Class confidences' },
        shown.map((c) =>
          h(
            'li',
            {},
            h('span', { class: 'bar-label' }, c.name),
            h('meter', { min: 0, max: 1, value: c.confidence, class: `c${colorSlot({ label: c.name })}`, 'aria-label': `${c.name} ${percent(c.confidence)}` }),
            h('span', { class: 'bar-value' }, percent(c.confidence)),
          ),
        ),
        classes.length > shown.length && h('li', { class: 'muted' }, `… ${classes.length - shown.length} more ${classes.length - shown.length === 1 ? 'class' : 'classes'}`),
      ),
    ),
  );
}
