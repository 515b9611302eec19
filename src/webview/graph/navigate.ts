import type { PlacedNode } from '../../core/graph/layout';

export type Direction = 'up' | 'down' | 'left' | 'right';

/** The nearest node in a direction from `from` (centre to centre, favouring the straight line), if any. */
export function nearestInDirection(nodes: readonly PlacedNode[], from: PlacedNode, direction: Direction): PlacedNode | undefined {
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best: PlacedNode | undefined;
  let bestScore = Infinity;
  // `from` itself needs no skipping: it is 0 along every direction, and only nodes ahead count.
  for (const node of nodes) {
    const dx = node.x + node.width / 2 - cx;
    const dy = node.y + node.height / 2 - cy;
    const along = direction === 'up' ? -dy : direction === 'down' ? dy : direction === 'left' ? -dx : dx;
    const across = direction === 'up' || direction === 'down' ? Math.abs(dx) : Math.abs(dy);
    if (along <= 0) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = node;
    }
  }
  return best;
}
