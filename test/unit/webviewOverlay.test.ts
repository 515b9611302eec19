import assert from 'node:assert/strict';
import { classificationView, detectionsFigure } from '../../src/webview/overlay';
import type { Detection } from '../../src/webview/predictions';
import { useDom } from '../support/dom';

/** The numeric value of an attribute (SVG geometry is written with String(number)). */
function num(element: Element | null | undefined, name: string): number {
  assert.ok(element, `no element to read ${name} from`);
  const raw = element.getAttribute(name);
  assert.notEqual(raw, null, `<${element.tagName}> has no ${name}`);
  return Number(raw);
}

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);
}

const box = (overrides: Partial<Detection> = {}): Detection => ({ x: 100, y: 50, width: 40, height: 20, label: 'car', confidence: 0.93, ...overrides });

/** A 640×480 image draws labels at 15 px (label 20.25 px tall), which keeps the numbers below exact. */
const VGA = { width: 640, height: 480 };

function figure(detections: Detection[], options: { size?: { width: number; height: number } | null; baseImage?: string; caption?: string } = {}): HTMLElement {
  return detectionsFigure({ detections, caption: options.caption ?? 'predictions', baseImage: options.baseImage, size: options.size === null ? undefined : (options.size ?? VGA) });
}

const groups = (f: Element) => Array.from(f.querySelectorAll('svg > g.detection'));
const rows = (f: Element) => Array.from(f.querySelectorAll('tbody > tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));

describe('preview overlay: boxes drawn over the picture', () => {
  useDom();

  it('turns the centre-based prediction into the rectangle the user sees (x=100 y=50 40×20 → corner 80,40)', () => {
    const rect = figure([box()]).querySelector('g.detection rect.box');
    assert.equal(num(rect, 'x'), 80);
    assert.equal(num(rect, 'y'), 40);
    assert.equal(num(rect, 'width'), 40);
    assert.equal(num(rect, 'height'), 20);
  });

  it('keeps width and height apart on a tall box (10×30 centred at 50,60 → 45,45 10×30)', () => {
    const rect = figure([box({ x: 50, y: 60, width: 10, height: 30 })]).querySelector('rect.box');
    assert.deepEqual(['x', 'y', 'width', 'height'].map((a) => num(rect, a)), [45, 45, 10, 30]);
  });

  it('puts the label just above the box, its bottom edge on the box top, its left edge on the box left', () => {
    const g = figure([box()]).querySelector('g.detection')!;
    const bg = g.querySelector('rect.label-bg');
    const text = g.querySelector('text.label');
    near(num(bg, 'height'), 20.25, 'label height at 15 px');
    near(num(bg, 'y'), 19.75, 'label top');
    near(num(bg, 'y') + num(bg, 'height'), 40, 'label bottom (= box top)');
    assert.equal(num(bg, 'x'), 80);
    near(num(bg, 'width'), 7 * 15 * 0.62 + 15 * 0.6, 'label width for "car 93%"');
    assert.equal(text?.textContent, 'car 93%');
    near(num(text, 'x'), 84.5, 'text x (a small inset from the box left)');
    near(num(text, 'y'), 19.75 + 15.3, 'text baseline');
    assert.equal(text?.getAttribute('font-size'), '15.00');
  });

  it('still draws the label above when it exactly fits between the image top and the box', () => {
    // Box top at 20.25 = the label height: the label spans 0 … 20.25.
    const bg = figure([box({ y: 30.25 })]).querySelector('rect.label-bg');
    assert.equal(num(bg, 'y'), 0);
  });

  it('moves the label inside the box when the box touches the top edge', () => {
    const atTop = figure([box({ y: 10 })]).querySelector('rect.label-bg');
    assert.equal(num(atTop, 'y'), 0, 'box top 0: label top 0');
    const nearTop = figure([box({ y: 30 })]).querySelector('rect.label-bg');
    assert.equal(num(nearTop, 'y'), 20, 'box top 20 (< 20.25 of label): label starts at the box top, inside it');
    const text = figure([box({ y: 10 })]).querySelector('text.label');
    near(num(text, 'y'), 15.3, 'text baseline inside the box');
  });

  it('scales the label with the image: 15 px at 640×480, by the larger of width/640 and height/480', () => {
    const fontOf = (size: { width: number; height: number }) => figure([box()], { size }).querySelector('text.label')?.getAttribute('font-size');
    assert.equal(fontOf({ width: 1280, height: 480 }), '30.00', 'twice as wide');
    assert.equal(fontOf({ width: 640, height: 960 }), '30.00', 'twice as tall');
    assert.equal(fontOf({ width: 640, height: 720 }), '22.50', 'height/480 = 1.5 wins over width/640 = 1');
    assert.equal(fontOf({ width: 64, height: 48 }), '1.50');
    assert.equal(fontOf({ width: 10, height: 10 }), '0.75', 'never below 5% of 15 px');
  });

  it('labels a prediction without a confidence with its class alone', () => {
    const g = figure([box({ confidence: undefined })]).querySelector('g.detection')!;
    assert.equal(g.querySelector('text.label')?.textContent, 'car');
    assert.equal(g.querySelector(':scope > title')?.textContent, 'car');
    near(num(g.querySelector('rect.label-bg'), 'width'), 3 * 15 * 0.62 + 15 * 0.6, 'label width for "car"');
  });

  it('gives each detection a hover title, an index, and draws its label last (on top of its shapes)', () => {
    const f = figure([box(), box({ label: 'bus', confidence: 0.4, x: 300 })]);
    const [first, second] = groups(f);
    assert.equal(first.querySelector(':scope > title')?.textContent, 'car 93%');
    assert.equal(second.querySelector(':scope > title')?.textContent, 'bus 40%');
    assert.deepEqual(groups(f).map((g) => g.getAttribute('data-index')), ['0', '1']);
    assert.equal(first.lastElementChild?.tagName, 'text');
    assert.equal(first.lastElementChild?.previousElementSibling?.getAttribute('class'), 'label-bg');
  });

  it('colours each detection by its class: the class id when known, else a hash of the name', () => {
    const f = figure([box({ classId: 9 }), box({ classId: 0 }), box({ label: 'car' }), box({ label: 'cat' }), box({ label: 'a', classId: -1 })]);
    assert.deepEqual(groups(f).map((g) => g.getAttribute('class')), ['detection c1', 'detection c0', 'detection c4', 'detection c6', 'detection c1']);
    const swatches = Array.from(f.querySelectorAll('tbody .swatch')).map((s) => s.getAttribute('class'));
    assert.deepEqual(swatches, ['swatch c1', 'swatch c0', 'swatch c4', 'swatch c6', 'swatch c1'], 'the table uses the same colours');
    assert.deepEqual(Array.from(f.querySelectorAll('tbody .swatch')).map((s) => s.getAttribute('aria-hidden')), ['true', 'true', 'true', 'true', 'true'], 'a colour chip, not read out');
  });
});

describe('preview overlay: polygons and keypoints', () => {
  useDom();

  it('draws an instance polygon through its points, under the box', () => {
    const g = figure([box({ points: [{ x: 3, y: 3 }, { x: 7.5, y: 3 }, { x: 5, y: 7 }] })]).querySelector('g.detection')!;
    const polygon = g.querySelector('polygon.mask');
    assert.equal(polygon?.getAttribute('points'), '3,3 7.5,3 5,7');
    const shapes = Array.from(g.children).map((c) => c.getAttribute('class') ?? c.tagName);
    assert.ok(shapes.indexOf('mask') < shapes.indexOf('box'), `polygon before box: ${shapes.join(' ')}`);
  });

  it('draws no polygon from fewer than 3 points (nor from none)', () => {
    assert.equal(figure([box({ points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] })]).querySelector('polygon'), null);
    assert.equal(figure([box({ points: [] })]).querySelector('polygon'), null);
    assert.equal(figure([box()]).querySelector('polygon'), null);
  });

  it('draws each keypoint as a circle at its coordinates, titled with its name and confidence', () => {
    const g = figure([box({ keypoints: [{ x: 12, y: 34, name: 'nose', confidence: 0.9 }, { x: 56, y: 78, name: 'left_eye', confidence: 0.055 }] })]).querySelector('g.detection')!;
    const circles = Array.from(g.querySelectorAll('circle.keypoint'));
    assert.equal(circles.length, 2);
    assert.deepEqual(circles.map((c) => [num(c, 'cx'), num(c, 'cy')]), [[12, 34], [56, 78]]);
    assert.deepEqual(circles.map((c) => c.querySelector('title')?.textContent), ['nose 90%', 'left_eye 6%']);
    assert.equal(num(circles[0], 'r'), 3.75, 'a quarter of the 15 px label');
  });

  it('calls an unnamed keypoint "keypoint" and keeps circles visible on a tiny image', () => {
    const circle = figure([box({ keypoints: [{ x: 1, y: 2 }] })], { size: { width: 10, height: 10 } }).querySelector('circle.keypoint');
    assert.equal(circle?.querySelector('title')?.textContent, 'keypoint');
    assert.equal(num(circle, 'r'), 1.5, 'radius never below 1.5 px');
  });
});

describe('preview overlay: the canvas', () => {
  useDom();

  it('uses the image size for the view box', () => {
    const svg = figure([box()], { size: { width: 96, height: 64 } }).querySelector('svg');
    assert.equal(svg?.getAttribute('viewBox'), '0 0 96 64');
    assert.equal(svg?.getAttribute('preserveAspectRatio'), 'xMidYMid meet');
  });

  it('puts the drawing in a styled figure: figure.figure > div.canvas > svg.overlay, then the table', () => {
    const f = figure([box()], { baseImage: 'data:image/png;base64,iVBORw0KGgo=' });
    assert.equal(f.tagName, 'FIGURE');
    assert.equal(f.getAttribute('class'), 'figure');
    assert.deepEqual(Array.from(f.children).map((c) => `${c.tagName.toLowerCase()}.${c.getAttribute('class')}`), ['div.canvas', 'details.detections-table']);
    assert.deepEqual(Array.from(f.querySelector('div.canvas')!.children).map((c) => `${c.tagName.toLowerCase()}.${c.getAttribute('class')}`), ['svg.overlay']);
  });

  it('sizes the canvas to fit the detections when the output does not say the image size', () => {
    // Right edge 100 + 20 = 120, bottom edge 50 + 10 = 60.
    assert.equal(figure([box()], { size: null }).querySelector('svg')?.getAttribute('viewBox'), '0 0 120 60');
    assert.equal(figure([], { size: null }).querySelector('svg')?.getAttribute('viewBox'), '0 0 1 1', 'nothing detected: a 1×1 canvas, not 0×0');
  });

  it('draws on the input picture, stretched to the image size, when there is one', () => {
    const f = figure([box()], { baseImage: 'data:image/png;base64,iVBORw0KGgo=', size: { width: 96, height: 64 } });
    const image = f.querySelector('svg > image');
    assert.equal(image?.getAttribute('href'), 'data:image/png;base64,iVBORw0KGgo=');
    assert.deepEqual(['x', 'y', 'width', 'height'].map((a) => num(image, a)), [0, 0, 96, 64]);
    assert.equal(image?.getAttribute('preserveAspectRatio'), 'none', 'stretched exactly onto the pixel grid of the detections');
    assert.equal(f.querySelector('svg > rect.blank'), null);
    assert.equal(f.querySelector('figcaption'), null, 'no "drawn without the picture" note');
    assert.equal(f.querySelector('svg')?.firstElementChild, image, 'the picture is under the boxes');
  });

  it('draws on a blank canvas of the image size and says why when the picture is not available', () => {
    const f = figure([box()], { size: { width: 96, height: 64 } });
    assert.equal(f.querySelector('svg > image'), null);
    const blank = f.querySelector('svg > rect.blank');
    assert.deepEqual(['x', 'y', 'width', 'height'].map((a) => num(blank, a)), [0, 0, 96, 64]);
    assert.match(f.querySelector('figcaption')?.textContent ?? '', /^Drawn without the picture: the input image is not available here/);
    assert.equal(f.querySelector('figcaption')?.getAttribute('class'), 'muted');
    assert.deepEqual(Array.from(f.children).map((c) => c.tagName.toLowerCase()), ['div', 'figcaption', 'details'], 'the note under the drawing, above the table');
  });
});

describe('preview overlay: what a screen reader gets', () => {
  useDom();

  it('summarises every detection in the image label', () => {
    const f = figure([box({ label: 'a', confidence: 0.93 }), box({ label: 'b', confidence: 0.4 }), box({ label: 'c', confidence: undefined })], { caption: 'caption' });
    const svg = f.querySelector('svg');
    assert.equal(svg?.getAttribute('role'), 'img');
    assert.equal(svg?.getAttribute('aria-label'), 'caption: a 93%, b 40%, c');
  });

  it('says "nothing detected" when there is nothing', () => {
    const f = figure([], { caption: 'caption' });
    assert.equal(f.querySelector('svg')?.getAttribute('aria-label'), 'caption: nothing detected');
    assert.equal(groups(f).length, 0);
  });

  it('lists one table row per detection: class, confidence, rounded box, shape', () => {
    const f = figure([
      box({ x: 100.4, y: 49.6, width: 40.5, height: 19.49 }),
      box({ label: 'leaf', confidence: 0.5, points: [{ x: 1, y: 1 }, { x: 9, y: 1 }, { x: 5, y: 9 }, { x: 1, y: 9 }] }),
      box({ label: 'person', confidence: undefined, keypoints: [{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }] }),
    ]);
    assert.deepEqual(rows(f), [
      ['car', '93%', '100, 50, 41, 19', 'box'],
      ['leaf', '50%', '100, 50, 40, 20', 'polygon, 4 points'],
      ['person', '', '100, 50, 40, 20', '3 keypoints'],
    ]);
    const headers = Array.from(f.querySelectorAll('thead th')).map((th) => th.textContent);
    assert.deepEqual(headers, ['Class', 'Confidence', 'Box (x, y, w, h)', 'Shape']);
    assert.deepEqual(Array.from(f.querySelectorAll('thead th')).map((th) => th.getAttribute('scope')), ['col', 'col', 'col', 'col'], 'column headers for screen readers');
  });

  it('counts the objects in the table summary, singular for one', () => {
    assert.equal(figure([box()]).querySelector('details.detections-table > summary')?.textContent, '1 object');
    assert.equal(figure([box(), box()]).querySelector('details.detections-table > summary')?.textContent, '2 objects');
    assert.equal(figure([]).querySelector('details.detections-table > summary')?.textContent, '0 objects');
  });

  it('keys the table by caption, so its open state survives a re-render', () => {
    assert.equal(figure([box()], { caption: 'boxes' }).querySelector('details.detections-table')?.getAttribute('data-key'), 'table:boxes');
  });

  it('shows server class names as text, never as markup', () => {
    const f = figure([box({ label: '<img src=x onerror=alert(1)>' })]);
    assert.equal(f.querySelector('img'), null);
    assert.equal(f.querySelector('text.label')?.textContent, '<img src=x onerror=alert(1)> 93%');
  });

  it('says "1 keypoint" for a single one, "box" for a polygon too short to be drawn, and lists a triangle', () => {
    const triangle = [{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 1, y: 3 }];
    assert.deepEqual(rows(figure([box({ keypoints: [{ x: 1, y: 1 }] }), box({ points: triangle.slice(0, 2) }), box({ points: triangle })])).map((r) => r[3]), ['1 keypoint', 'box', 'polygon, 3 points']);
  });
});

describe('preview overlay: classifications', () => {
  useDom();

  const classes = [
    { name: 'dog', confidence: 0.8 },
    { name: 'cat', confidence: 0.2 },
  ];

  it('shows the top class and its confidence, and one bar per class', () => {
    const view = classificationView(classes, 'dog', false);
    assert.equal(view.getAttribute('class'), 'classification');
    const top = view.querySelector('.top-class');
    assert.equal(top?.querySelector('strong')?.textContent, 'dog');
    assert.equal(top?.textContent, 'dog 80%');
    const items = Array.from(view.querySelectorAll('ul.bars > li'));
    assert.deepEqual(items.map((li) => li.querySelector('.bar-label')?.textContent), ['dog', 'cat']);
    assert.deepEqual(items.map((li) => li.querySelector('.bar-value')?.textContent), ['80%', '20%']);
    const meters = items.map((li) => li.querySelector('meter')!);
    assert.deepEqual(meters.map((m) => [m.getAttribute('min'), m.getAttribute('max'), m.getAttribute('value')]), [['0', '1', '0.8'], ['0', '1', '0.2']]);
    assert.deepEqual(meters.map((m) => m.getAttribute('aria-label')), ['dog 80%', 'cat 20%']);
    assert.deepEqual(meters.map((m) => m.getAttribute('class')), ['c4', 'c6'], 'colour slots by class name');
    assert.equal(view.querySelector('ul.bars')?.getAttribute('aria-label'), 'Class confidences');
  });

  it('names a multi-label list as such and shows no single winner without one', () => {
    const view = classificationView(classes, undefined, true);
    assert.equal(view.querySelector('.top-class'), null);
    assert.equal(view.querySelector('ul.bars')?.getAttribute('aria-label'), 'Class confidences (multi-label)');
  });

  it('shows the input picture with an alt text naming the class, or nothing without a picture', () => {
    const withImage = classificationView(classes, 'dog', false, 'data:image/png;base64,iVBORw0KGgo=');
    const img = withImage.querySelector('img.thumb-large');
    assert.equal(img?.getAttribute('src'), 'data:image/png;base64,iVBORw0KGgo=');
    assert.equal(img?.getAttribute('alt'), 'Input image, classified as dog');
    assert.equal(classificationView(classes, undefined, true, 'data:image/png;base64,iVBORw0KGgo=').querySelector('img')?.getAttribute('alt'), 'Input image');
    assert.equal(classificationView(classes, 'dog', false).querySelector('img'), null);
  });

  it('shows at most 10 bars and counts the rest', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `k${i}`, confidence: (n - i) / 100 }));
    const ten = classificationView(many(10), 'k0', false);
    assert.equal(ten.querySelectorAll('ul.bars > li').length, 10);
    assert.equal(ten.querySelector('ul.bars > li.muted'), null, 'exactly 10: nothing left out');
    const twelve = classificationView(many(12), 'k0', false);
    const items = Array.from(twelve.querySelectorAll('ul.bars > li'));
    assert.equal(items.filter((li) => li.querySelector('meter')).length, 10);
    assert.equal(items.at(-1)?.textContent, '… 2 more classes');
    assert.equal(items[9].querySelector('.bar-label')?.textContent, 'k9', 'the first 10 as given');
  });

  it('shows the named top class even when the list has no score for it', () => {
    assert.equal(classificationView(classes, 'bird', false).querySelector('.top-class')?.textContent?.trim(), 'bird');
  });

  it('says "1 more class" for one left out', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `k${i}`, confidence: 0.5 }));
    assert.equal(classificationView(eleven, 'k0', false).querySelector('ul.bars > li.muted')?.textContent, '… 1 more class');
  });
});
