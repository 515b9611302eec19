// The graph webview's pure geometry: the viewport that fits the drawing (src/webview/graph/viewport.ts)
// and the node an arrow key moves to (src/webview/graph/navigate.ts), checked with exact numbers.
import assert from 'node:assert/strict';
import type { PlacedNode } from '../../src/core/graph/layout';
import { nearestInDirection, type Direction } from '../../src/webview/graph/navigate';
import { MAX_SCALE, MIN_SCALE, clampScale, fitViewport, isViewport, zoomAt } from '../../src/webview/graph/viewport';

describe('graph view: fitting the drawing in the panel', () => {
  it('shows a drawing smaller than the panel at full size, centred', () => {
    assert.deepEqual(fitViewport(200, 100, 400, 300), { x: 100, y: 100, scale: 1 });
  });

  it('shrinks a drawing too wide for the panel to its width, centred vertically', () => {
    assert.deepEqual(fitViewport(800, 100, 400, 300), { x: 0, y: 125, scale: 0.5 });
  });

  it('shrinks a drawing too tall for the panel to its height, centred horizontally', () => {
    assert.deepEqual(fitViewport(100, 600, 400, 300), { x: 175, y: 0, scale: 0.5 });
  });

  it('never zooms out further than the smallest zoom, however large the drawing', () => {
    assert.deepEqual(fitViewport(100000, 100, 400, 300), { x: -2300, y: 147.5, scale: MIN_SCALE });
  });

  it('falls back to no pan and full size when the drawing or the panel has no area', () => {
    const home = { x: 0, y: 0, scale: 1 };
    // Each side zero on its own: any one of them is enough.
    assert.deepEqual(fitViewport(0, 100, 400, 300), home, 'empty drawing width');
    assert.deepEqual(fitViewport(200, 0, 400, 300), home, 'empty drawing height');
    assert.deepEqual(fitViewport(200, 100, 0, 300), home, 'hidden panel (no width)');
    assert.deepEqual(fitViewport(200, 100, 400, 0), home, 'hidden panel (no height)');
    assert.deepEqual(fitViewport(-5, 100, 400, 300), home, 'negative width');
  });
});

describe('graph view: zooming', () => {
  it('keeps the point under the pointer in place', () => {
    assert.deepEqual(zoomAt({ x: 10, y: 20, scale: 1 }, 2, 110, 70), { x: -90, y: -30, scale: 2 });
  });

  it('stops at the largest and smallest zooms', () => {
    assert.equal(zoomAt({ x: 0, y: 0, scale: 2 }, 10, 0, 0).scale, MAX_SCALE);
    assert.equal(clampScale(0.001), MIN_SCALE);
    assert.equal(clampScale(0.7), 0.7);
  });
});

describe('graph view: restoring a saved viewport', () => {
  it('accepts a finite pan with a positive zoom', () => {
    assert.equal(isViewport({ x: -12.5, y: 40, scale: 0.25 }), true);
  });

  it('rejects a saved state that is not an object', () => {
    for (const value of [null, undefined, 42, 'viewport', true]) assert.equal(isViewport(value), false, String(value));
  });

  it('rejects a pan or zoom that is missing, not a number or not finite', () => {
    assert.equal(isViewport({}), false, 'empty object');
    assert.equal(isViewport({ x: 'a', y: 0, scale: 1 }), false, 'x a string');
    assert.equal(isViewport({ x: 0, y: '5', scale: 1 }), false, 'y a numeric string');
    assert.equal(isViewport({ x: 0, y: 0 }), false, 'no scale');
    assert.equal(isViewport({ x: Number.NaN, y: 0, scale: 1 }), false, 'x NaN');
    assert.equal(isViewport({ x: 0, y: Number.POSITIVE_INFINITY, scale: 1 }), false, 'y infinite');
    assert.equal(isViewport({ x: 0, y: 0, scale: Number.POSITIVE_INFINITY }), false, 'scale infinite');
  });

  it('rejects a zoom of zero or below', () => {
    assert.equal(isViewport({ x: 0, y: 0, scale: 0 }), false);
    assert.equal(isViewport({ x: 0, y: 0, scale: -1 }), false);
  });
});

describe('graph view: moving between nodes with the arrow keys', () => {
  /** A 40 × 40 node centred on (`cx`, `cy`). */
  const at = (id: string, cx: number, cy: number): PlacedNode => ({ id, x: cx - 20, y: cy - 20, width: 40, height: 40 });
  /** The centre `along` ahead and `across` to the side of the origin, looking in `direction`. */
  function ahead(direction: Direction, along: number, across: number): [number, number] {
    if (direction === 'down') return [across, along];
    if (direction === 'up') return [across, -along];
    if (direction === 'right') return [along, across];
    return [-along, across];
  }
  const DIRECTIONS: Direction[] = ['up', 'down', 'left', 'right'];

  it('moves to the neighbour on the side of the arrow', () => {
    const centre = at('centre', 0, 0);
    const nodes = [centre, at('up', 0, -100), at('down', 0, 100), at('left', -100, 0), at('right', 100, 0)];
    for (const direction of DIRECTIONS) assert.equal(nearestInDirection(nodes, centre, direction)?.id, direction);
  });

  it('stays put when nothing lies ahead, never moving to the node itself', () => {
    for (const direction of DIRECTIONS) {
      const from = at('from', 0, 0);
      // Level with the origin, off to one side, and behind it: none of them is ahead.
      const nodes = [from, at('level', ...ahead(direction, 0, 100)), at('behind', ...ahead(direction, -100, 0))];
      assert.equal(nearestInDirection(nodes, from, direction), undefined, direction);
    }
  });

  it('prefers a node straight ahead to a nearer one off to the side', () => {
    for (const direction of DIRECTIONS) {
      const from = at('from', 0, 0);
      // Straight: 250 ahead. Aside: 100 ahead but 100 across, and across counts double (300).
      const nodes = [from, at('aside', ...ahead(direction, 100, 100)), at('straight', ...ahead(direction, 250, 0))];
      assert.equal(nearestInDirection(nodes, from, direction)?.id, 'straight', direction);
    }
  });

  it('takes the nearer of two nodes equally far off the line', () => {
    for (const direction of DIRECTIONS) {
      const from = at('from', 0, 0);
      const nodes = [from, at('far', ...ahead(direction, 300, 30)), at('near', ...ahead(direction, 200, 30))];
      assert.equal(nearestInDirection(nodes, from, direction)?.id, 'near', direction);
    }
  });

  it('on a tie, moves to the node listed first', () => {
    const from = at('from', 0, 0);
    const a = at('a', -50, 100);
    const b = at('b', 50, 100);
    assert.equal(nearestInDirection([from, a, b], from, 'down')?.id, 'a');
    assert.equal(nearestInDirection([from, b, a], from, 'down')?.id, 'b');
  });

  it('measures from centre to centre, whatever the nodes\' heights', () => {
    // A short node (centre 20) with a node touching its bottom edge (centre 60): that node is below it.
    const from: PlacedNode = { id: 'from', x: 0, y: 0, width: 100, height: 40 };
    const touching: PlacedNode = { id: 'touching', x: 0, y: 40, width: 100, height: 40 };
    assert.equal(nearestInDirection([from, touching], from, 'down')?.id, 'touching');
    assert.equal(nearestInDirection([from, touching], touching, 'up')?.id, 'from');
    // A tall node starting higher than a short one can still have its centre further down.
    const tall: PlacedNode = { id: 'tall', x: 0, y: 60, width: 100, height: 200 };
    const short: PlacedNode = { id: 'short', x: 0, y: 100, width: 100, height: 40 };
    assert.equal(nearestInDirection([from, tall, short], from, 'down')?.id, 'short');
  });
});
