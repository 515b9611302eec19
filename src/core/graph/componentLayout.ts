import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { GraphEdge, GraphEdgeKind, GraphNode, GraphNodeKind } from '../../protocol/graph';

export interface Point {
  x: number;
  y: number;
}

/** One component laid out alone, in its own coordinates: boxes (centre) by node index, bends by edge index. */
export interface ComponentShapeLayout {
  width: number;
  height: number;
  centres: Point[];
  sizes: { width: number; height: number }[];
  bends: Point[][];
}

/** Node boxes: a step has three lines (block name, step name, type), inputs and outputs two. */
export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  input: { width: 200, height: 46 },
  step: { width: 240, height: 64 },
  output: { width: 200, height: 46 },
};

const EDGE_WEIGHT: Record<GraphEdgeKind, number> = { data: 2, flow: 1 };

/**
 * Dagre's layout depends only on a component's shape (node kinds and sizes, edges between
 * positions), not on its names. Large workflows repeat the same pipeline (per camera, per line),
 * and a redraw after an edit changes one component: both reuse a shape's layout from here.
 * Bounded, oldest shape dropped first; a capacity of 0 reuses nothing.
 */
export class ComponentLayoutCache {
  private readonly shapes = new Map<string, ComponentShapeLayout>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 4096) {}

  layout(component: { nodes: GraphNode[]; edges: GraphEdge[] }, fast: boolean): ComponentShapeLayout {
    const index = new Map(component.nodes.map((node, i) => [node.id, i]));
    const shape = `${fast ? 'f' : 's'}|${component.nodes.map((n) => n.kind[0]).join('')}|${component.edges
      .map((e) => `${index.get(e.from)}>${index.get(e.to)}${e.kind[0]}`)
      .join(',')}`;
    const known = this.shapes.get(shape);
    if (known) {
      this.hits++;
      // Most recently used last, so the oldest goes first when full.
      this.shapes.delete(shape);
      this.shapes.set(shape, known);
      return known;
    }
    this.misses++;
    const placed = runDagre(component, index, fast);
    if (this.capacity === 0) return placed;
    if (this.shapes.size >= this.capacity) this.shapes.delete(this.shapes.keys().next().value!);
    this.shapes.set(shape, placed);
    return placed;
  }
}

function runDagre(component: { nodes: GraphNode[]; edges: GraphEdge[] }, index: Map<string, number>, fast: boolean): ComponentShapeLayout {
  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56, edgesep: 12, marginx: 0, marginy: 0, ...(fast && { ranker: 'longest-path' }) });
  // Dagre keeps nodes as keys of plain objects: thousands of distinct step names give V8 as many
  // object shapes, which cost more than the layout itself. Index keys are the same few everywhere.
  component.nodes.forEach((node, i) => g.setNode(String(i), { ...NODE_SIZE[node.kind] }));
  const ends = component.edges.map((edge) => [String(index.get(edge.from)), String(index.get(edge.to))] as const);
  component.edges.forEach((edge, i) => g.setEdge(ends[i][0], ends[i][1], { weight: EDGE_WEIGHT[edge.kind] }, String(i)));
  layout(g, fast ? { disableOptimalOrderHeuristic: true } : undefined);
  const boxes = component.nodes.map((_, i) => g.node(String(i)));
  const label = g.graph();
  return {
    width: label.width ?? 0,
    height: label.height ?? 0,
    centres: boxes.map(({ x = 0, y = 0 }) => ({ x, y })),
    sizes: boxes.map(({ width, height }) => ({ width, height })),
    bends: ends.map(([from, to], i) => (g.edge(from, to, String(i))?.points ?? []).map((p) => ({ x: p.x, y: p.y }))),
  };
}
