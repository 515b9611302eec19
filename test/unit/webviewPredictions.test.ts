import assert from 'node:assert/strict';
import { classifyOutput, colorSlot, detectionBounds, imageDataUrl, percent, type Detection, type OutputShape } from '../../src/webview/predictions';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';

/** The detections of an output that must be one. */
function detectionsOf(value: unknown): Extract<OutputShape, { kind: 'detections' }> {
  const shape = classifyOutput(value);
  assert.equal(shape.kind, 'detections', JSON.stringify(value).slice(0, 200));
  return shape as Extract<OutputShape, { kind: 'detections' }>;
}

function classificationOf(value: unknown): Extract<OutputShape, { kind: 'classification' }> {
  const shape = classifyOutput(value);
  assert.equal(shape.kind, 'classification', JSON.stringify(value).slice(0, 200));
  return shape as Extract<OutputShape, { kind: 'classification' }>;
}

const PNG = 'iVBORw0KGgoAAAANSUhEUg==';

describe('preview predictions: images the server sent', () => {
  it('shows a base64 image with the type its first bytes say', () => {
    assert.equal(imageDataUrl({ type: 'base64', value: SAMPLE_JPEG_BASE64 }), `data:image/jpeg;base64,${SAMPLE_JPEG_BASE64}`);
    assert.equal(imageDataUrl({ type: 'base64', value: PNG }), `data:image/png;base64,${PNG}`);
    assert.equal(imageDataUrl({ type: 'base64', value: 'R0lGODlhAQABAAAAACw=' }), 'data:image/gif;base64,R0lGODlhAQABAAAAACw=');
    assert.equal(imageDataUrl({ type: 'base64', value: 'UklGRiQAAABXRUJQ' }), 'data:image/webp;base64,UklGRiQAAABXRUJQ');
    assert.equal(imageDataUrl({ type: 'base64', value: 'Qk02AAAAAAAAADYAAAAo' }), 'data:image/bmp;base64,Qk02AAAAAAAAADYAAAAo');
  });

  it('drops line breaks and spaces from wrapped base64', () => {
    assert.equal(imageDataUrl({ type: 'base64', value: ' iVBORw0K\nGgoAAAAN\r\n SUhEUg== ' }), `data:image/png;base64,${PNG}`);
  });

  it('keeps the type a data: URL declares, and only raster image types', () => {
    assert.equal(imageDataUrl({ type: 'base64', value: `data:image/png;base64,${PNG}` }), `data:image/png;base64,${PNG}`);
    assert.equal(imageDataUrl({ type: 'base64', value: `data:image/webp;base64,${PNG}` }), `data:image/webp;base64,${PNG}`, 'the declared type wins over the magic');
    assert.equal(imageDataUrl({ type: 'base64', value: 'data:image/svg+xml;base64,PHN2Zz4=' }), undefined, 'SVG (can carry script) is never shown');
    assert.equal(imageDataUrl({ type: 'base64', value: 'data:text/html;base64,PGI+' }), undefined);
  });

  it('refuses what is not a base64 image: unknown bytes, bad characters, empty, wrong shape', () => {
    const refused: unknown[] = [
      { type: 'base64', value: 'PHN2Zz4=' }, // "<svg>"
      { type: 'base64', value: 'AAAA' }, // no known magic
      { type: 'base64', value: '' },
      { type: 'base64', value: '   ' },
      { type: 'base64', value: 'data:image/png;base64,' },
      { type: 'base64', value: `${PNG}=` }, // three padding characters
      { type: 'base64', value: 'iVBORw0KGgo"><script>' },
      { type: 'base64', value: 'iVBORw0KGgo_-' }, // base64url is not what the server sends
      { type: 'base64', value: 42 },
      { type: 'base64' },
      { type: 'url', value: PNG },
      { value: PNG },
      PNG,
      [PNG],
      null,
      undefined,
      0,
    ];
    for (const value of refused) assert.equal(imageDataUrl(value), undefined, JSON.stringify(value));
  });

  it('classifies one image, and a list made only of images (crops)', () => {
    assert.deepEqual(classifyOutput({ type: 'base64', value: PNG }), { kind: 'image', dataUrl: `data:image/png;base64,${PNG}` });
    assert.deepEqual(classifyOutput([{ type: 'base64', value: PNG }, { type: 'base64', value: SAMPLE_JPEG_BASE64 }]), {
      kind: 'images',
      dataUrls: [`data:image/png;base64,${PNG}`, `data:image/jpeg;base64,${SAMPLE_JPEG_BASE64}`],
    });
  });

  it('shows a list with anything but images, or an empty list, as JSON', () => {
    assert.deepEqual(classifyOutput([{ type: 'base64', value: PNG }, 'caption']), { kind: 'json' });
    assert.deepEqual(classifyOutput([{ type: 'base64', value: PNG }, { type: 'base64', value: 'PHN2Zz4=' }]), { kind: 'json' });
    assert.deepEqual(classifyOutput([]), { kind: 'json' });
  });
});

describe('preview predictions: object detection', () => {
  it('reads a box with its class, id, confidence, parent and tracker, and the image size', () => {
    assert.deepEqual(
      classifyOutput({
        image: { width: 96, height: 64 },
        predictions: [{ x: 26, y: 36, width: 28, height: 32, class: 'sign', class_id: 3, confidence: 0.91, parent_id: 'image', tracker_id: 7, detection_id: 'ignored' }],
      }),
      {
        kind: 'detections',
        image: { width: 96, height: 64 },
        variant: 'boxes',
        detections: [{ x: 26, y: 36, width: 28, height: 32, label: 'sign', classId: 3, confidence: 0.91, parentId: 'image', trackerId: 7 }],
      },
    );
  });

  it('keeps width and height as given (not swapped) and x/y as the centre', () => {
    const [d] = detectionsOf({ predictions: [{ x: 1, y: 2, width: 3, height: 4, class: 'a' }] }).detections;
    assert.deepEqual([d.x, d.y, d.width, d.height], [1, 2, 3, 4]);
  });

  it('names a box by class, else class_name, else its class id, else "object"', () => {
    const labels = detectionsOf({
      predictions: [
        { x: 1, y: 1, width: 1, height: 1, class: 'car', class_name: 'other' },
        { x: 1, y: 1, width: 1, height: 1, class_name: 'bus' },
        { x: 1, y: 1, width: 1, height: 1, class_id: 4 },
        { x: 1, y: 1, width: 1, height: 1, class: 5, class_id: 5 },
        { x: 1, y: 1, width: 1, height: 1 },
        { x: 1, y: 1, width: 1, height: 1, class: null, class_id: 'x' },
      ],
    }).detections.map((d) => d.label);
    assert.deepEqual(labels, ['car', 'bus', 'class 4', 'class 5', 'object', 'object']);
  });

  it('leaves out optional fields that are missing, of the wrong type or not finite (so no "NaN%")', () => {
    const [d] = detectionsOf({
      predictions: [{ x: 5, y: 5, width: 2, height: 2, class: 'a', class_id: Number.NaN, confidence: Number.NaN, parent_id: 3, tracker_id: '7' }],
    }).detections;
    assert.deepEqual(d, { x: 5, y: 5, width: 2, height: 2, label: 'a' });
    const [e] = detectionsOf({ predictions: [{ x: 5, y: 5, width: 2, height: 2, class: 'a', confidence: '0.9', class_id: Infinity }] }).detections;
    assert.equal(e.confidence, undefined);
    assert.equal(e.classId, undefined);
  });

  it('keeps a zero confidence and a zero class id (falsy, but real values)', () => {
    const [d] = detectionsOf({ predictions: [{ x: 5, y: 5, width: 2, height: 2, class: 'a', class_id: 0, confidence: 0, tracker_id: 0 }] }).detections;
    assert.equal(d.confidence, 0);
    assert.equal(d.classId, 0);
    assert.equal(d.trackerId, 0);
  });

  it('shows the whole output as JSON when one prediction lacks a usable box, rather than drawing part of it', () => {
    const good = { x: 1, y: 1, width: 1, height: 1, class: 'a' };
    const broken: unknown[] = [
      { ...good, x: undefined },
      { ...good, y: '1' },
      { ...good, width: Number.NaN },
      { ...good, height: Infinity },
      null,
      'box',
      [1, 1, 1, 1],
    ];
    for (const b of broken) assert.deepEqual(classifyOutput({ predictions: [good, b] }), { kind: 'json' }, JSON.stringify(b));
  });

  it('draws an image with nothing detected when the output says the image size, else shows JSON', () => {
    assert.deepEqual(classifyOutput({ image: { width: 640, height: 480 }, predictions: [] }), { kind: 'detections', image: { width: 640, height: 480 }, detections: [], variant: 'boxes' });
    assert.deepEqual(classifyOutput({ predictions: [] }), { kind: 'json' });
    assert.deepEqual(classifyOutput({ image: { width: 0, height: 480 }, predictions: [] }), { kind: 'json' });
  });

  it('ignores an image size that is not two positive finite numbers', () => {
    const prediction = { x: 1, y: 1, width: 1, height: 1, class: 'a' };
    for (const image of [{ width: 0, height: 10 }, { width: 10, height: 0 }, { width: 10, height: -1 }, { width: Number.NaN, height: 10 }, { width: '10', height: 10 }, { width: 10 }, null, 'big', [10, 10]]) {
      const shape = detectionsOf({ image, predictions: [prediction] });
      assert.equal('image' in shape, false, JSON.stringify(image));
    }
    assert.deepEqual(detectionsOf({ image: { width: 0.5, height: 2 }, predictions: [prediction] }).image, { width: 0.5, height: 2 });
  });
});

describe('preview predictions: instance segmentation and keypoints', () => {
  it('reads polygon points as {x, y} objects or [x, y] pairs', () => {
    const shape = detectionsOf({
      predictions: [
        { x: 5, y: 5, width: 4, height: 4, class: 'a', points: [{ x: 3, y: 3 }, { x: 7, y: 3 }, { x: 5, y: 7 }] },
        { x: 5, y: 5, width: 4, height: 4, class: 'b', points: [[3, 3], [7, 3], [5.5, 7.25]] },
      ],
    });
    assert.equal(shape.variant, 'polygons');
    assert.deepEqual(shape.detections.map((d) => d.points), [
      [{ x: 3, y: 3 }, { x: 7, y: 3 }, { x: 5, y: 7 }],
      [{ x: 3, y: 3 }, { x: 7, y: 3 }, { x: 5.5, y: 7.25 }],
    ]);
  });

  it('keeps the box but drops a polygon with any unreadable point, or none', () => {
    for (const points of [[{ x: 1, y: 1 }, { x: 'a', y: 1 }, { x: 2, y: 2 }], [[1, 1], [Number.NaN, 2], [3, 3]], [], 'M0 0', [null], { x: 1, y: 1 }]) {
      const shape = detectionsOf({ predictions: [{ x: 5, y: 5, width: 4, height: 4, class: 'a', points }] });
      assert.equal(shape.variant, 'boxes', JSON.stringify(points));
      assert.equal('points' in shape.detections[0], false, JSON.stringify(points));
    }
  });

  it('reads keypoints with their name (class, else class_name) and confidence', () => {
    const shape = detectionsOf({
      predictions: [
        {
          x: 5,
          y: 5,
          width: 4,
          height: 4,
          class: 'person',
          keypoints: [
            { x: 4, y: 4, class: 'nose', class_name: 'other', confidence: 0.9, class_id: 0 },
            { x: 6, y: 3, class_name: 'left_eye', confidence: Number.NaN },
            { x: 7, y: 8 },
          ],
        },
      ],
    });
    assert.equal(shape.variant, 'keypoints');
    assert.deepEqual(shape.detections[0].keypoints, [{ x: 4, y: 4, name: 'nose', confidence: 0.9 }, { x: 6, y: 3, name: 'left_eye' }, { x: 7, y: 8 }]);
  });

  it('drops all keypoints of a detection when one has no usable position', () => {
    for (const keypoints of [[{ x: 1, y: 1 }, { x: 1 }], [{ x: 1, y: Infinity }], [{ x: '1', y: 1 }], [[1, 1]], [null], [], 'nose']) {
      const shape = detectionsOf({ predictions: [{ x: 5, y: 5, width: 4, height: 4, class: 'a', keypoints }] });
      assert.equal('keypoints' in shape.detections[0], false, JSON.stringify(keypoints));
    }
  });

  it('calls the output keypoints if any detection has them, else polygons if any has one', () => {
    const plain = { x: 5, y: 5, width: 4, height: 4, class: 'a' };
    const polygon = { ...plain, points: [[1, 1], [2, 1], [2, 2]] };
    const withKeypoints = { ...plain, keypoints: [{ x: 1, y: 1 }] };
    assert.equal(detectionsOf({ predictions: [plain, polygon] }).variant, 'polygons');
    assert.equal(detectionsOf({ predictions: [polygon, plain, withKeypoints] }).variant, 'keypoints');
    assert.equal(detectionsOf({ predictions: [plain, plain] }).variant, 'boxes');
  });
});

describe('preview predictions: classification', () => {
  it('reads a single-label result, sorted by confidence, with the server\'s top class', () => {
    assert.deepEqual(
      classifyOutput({ image: { width: 10, height: 20 }, predictions: [{ class: 'cat', class_id: 0, confidence: 0.2 }, { class: 'dog', class_id: 1, confidence: 0.7 }, { class: 'fox', class_id: 2, confidence: 0.1 }], top: 'cat', confidence: 0.2 }),
      { kind: 'classification', multiLabel: false, top: 'cat', classes: [{ name: 'dog', confidence: 0.7 }, { name: 'cat', confidence: 0.2 }, { name: 'fox', confidence: 0.1 }], image: { width: 10, height: 20 } },
    );
  });

  it('takes the most confident class as top when the server names none', () => {
    assert.equal(classificationOf({ predictions: [{ class: 'cat', confidence: 0.2 }, { class: 'dog', confidence: 0.8 }] }).top, 'dog');
    assert.equal(classificationOf({ predictions: [{ class: 'cat', confidence: 0.2 }, { class: 'dog', confidence: 0.8 }], top: 3 }).top, 'dog');
  });

  it('does not read a list as classes when one entry lacks a class name or a finite confidence, or has a position', () => {
    const rejected: unknown[] = [
      [{ class: 'cat', confidence: 0.2 }, { class: 'dog' }],
      [{ class: 'cat', confidence: Number.NaN }],
      [{ class: 'cat', confidence: '0.2' }],
      [{ class_name: 'cat', confidence: 0.2 }],
      [{ class: 'cat', confidence: 0.2, x: 3 }],
      [{ class: 'cat', confidence: 0.2 }, null],
    ];
    for (const predictions of rejected) assert.deepEqual(classifyOutput({ predictions }), { kind: 'json' }, JSON.stringify(predictions));
  });

  it('reads a multi-label result: every class with a confidence, sorted, no single top', () => {
    const shape = classifyOutput({
      predictions: { cat: { confidence: 0.7, class_id: 0 }, dog: { confidence: 0.9, class_id: 1 }, fox: { class_id: 2 }, owl: { confidence: 'high' }, emu: 0.5 },
      predicted_classes: ['cat', 'dog'],
      image: { width: 3, height: 4 },
    });
    assert.deepEqual(shape, { kind: 'classification', multiLabel: true, classes: [{ name: 'dog', confidence: 0.9 }, { name: 'cat', confidence: 0.7 }], image: { width: 3, height: 4 } });
  });

  it('needs predicted_classes to read a {class: score} object as multi-label', () => {
    assert.deepEqual(classifyOutput({ predictions: { cat: { confidence: 0.7 } } }), { kind: 'json' });
    assert.deepEqual(classifyOutput({ predictions: { cat: { confidence: 0.7 } }, predicted_classes: 'cat' }), { kind: 'json' });
  });
});

describe('preview predictions: anything else is JSON, and nothing throws', () => {
  it('shows scalars, plain objects and odd shapes as JSON', () => {
    const values: unknown[] = [
      null,
      undefined,
      0,
      Number.NaN,
      'text',
      true,
      {},
      { predictions: null },
      { predictions: 'x' },
      { predictions: 42 },
      { predictions: [null] },
      { predictions: [[]] },
      { predictions: [{}] },
      { type: 'base64' },
      JSON.parse('{"__proto__": {"predictions": [{"x": 1, "y": 1, "width": 1, "height": 1}]}}'),
      [[{ type: 'base64', value: PNG }]],
    ];
    for (const value of values) assert.deepEqual(classifyOutput(value), { kind: 'json' }, String(JSON.stringify(value)));
  });
});

describe('preview predictions: confidence as a percentage', () => {
  it('rounds to a whole percent', () => {
    assert.equal(percent(0.91), '91%');
    assert.equal(percent(0.935), '94%');
    assert.equal(percent(0.004), '0%');
    assert.equal(percent(0.005), '1%');
    assert.equal(percent(0), '0%');
    assert.equal(percent(1), '100%');
  });

  it('shows nothing when there is no confidence', () => {
    assert.equal(percent(undefined), '');
  });
});

describe('preview predictions: colour slots', () => {
  it('uses the class id modulo 8 when there is one', () => {
    assert.deepEqual([0, 1, 7, 8, 9, 16, 23].map((classId) => colorSlot({ label: 'a', classId })), [0, 1, 7, 0, 1, 0, 7]);
  });

  it('hashes the class name otherwise (31-based string hash, modulo 8), the same name always the same slot', () => {
    assert.deepEqual(['a', 'b', 'car', 'cat', 'dog', 'person', ''].map((label) => colorSlot({ label })), [1, 2, 4, 6, 4, 5, 0]);
    assert.equal(colorSlot({ label: 'car', classId: -1 }), 4, 'a negative id is no id');
  });

  it('stays a slot 0–7 for long and non-ASCII names (no overflow, no negative)', () => {
    for (const label of ['x'.repeat(10_000), 'ünïcødé', '🐕 dog', '\u0000']) {
      const slot = colorSlot({ label });
      assert.ok(Number.isInteger(slot) && slot >= 0 && slot <= 7, `${label.slice(0, 10)} → ${slot}`);
    }
  });
});

describe('preview predictions: canvas size from the detections', () => {
  const d = (overrides: Partial<Detection>): Detection => ({ x: 10, y: 10, width: 10, height: 20, label: 'a', ...overrides });

  it('reaches the right and bottom edges of the boxes', () => {
    assert.deepEqual(detectionBounds([d({})]), { width: 15, height: 20 });
    assert.deepEqual(detectionBounds([d({}), d({ x: 100, y: 5, width: 20, height: 2 })]), { width: 110, height: 20 });
  });

  it('rounds up to whole pixels', () => {
    assert.deepEqual(detectionBounds([d({ x: 10.2, y: 10.1, width: 0, height: 0 })]), { width: 11, height: 11 });
  });

  it('includes polygon points and keypoints outside the box', () => {
    assert.deepEqual(detectionBounds([d({ points: [{ x: 1, y: 1 }, { x: 40, y: 2 }, { x: 3, y: 33 }] })]), { width: 40, height: 33 });
    assert.deepEqual(detectionBounds([d({ keypoints: [{ x: 50, y: 1 }, { x: 2, y: 60.5 }] })]), { width: 50, height: 61 });
  });

  it('is at least 1×1, with nothing detected or everything off the top left', () => {
    assert.deepEqual(detectionBounds([]), { width: 1, height: 1 });
    assert.deepEqual(detectionBounds([d({ x: -50, y: -50 })]), { width: 1, height: 1 });
  });
});

describe('preview predictions: very large polygons', () => {
  // Spreading every point into Math.max threw "Maximum call stack size exceeded" from about 130 000
  // points (a ~3 MB answer, well under the 32 MB cap), and the results view stayed as it was.
  it('sizes the canvas for a 200 000-point polygon without throwing', () => {
    const points = Array.from({ length: 200_000 }, (_, i) => ({ x: i % 500, y: Math.floor(i / 500) }));
    assert.deepEqual(detectionBounds([{ x: 1, y: 1, width: 2, height: 2, label: 'a', points }]), { width: 499, height: 399 });
  });
});
