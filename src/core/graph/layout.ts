import type { GraphEdge, GraphEdgeKind, WorkflowGraph } from '../../protocol/graph';
import { ComponentLayoutCache, type Point } from './componentLayout';
import { connectedComponents } from './components';

export { NODE_SIZE, ComponentLayoutCache, type Point } from './componentLayout';

export interface PlacedNode {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  points: Point[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const MARGIN = 16;
const FAST_ABOVE_NODES = 300;
const GAP = 48;

/**
 * Top-to-bottom layered layout (dagre: ranking, crossing reduction, coordinates), one connected
 * component at a time, the components then packed in rows. Dagre's cost grows much faster than
 * the graph, and a large workflow is often many independent pipelines: laid out apart they cost
 * a fraction, and read better side by side. Large graphs trade some compactness for speed
 * (longest-path ranking, no extra ordering sweeps). Pure and DOM-free: the webview runs it, the benchmark
 * and tests too. Nodes and edges come back in the order given.
 */
export function layoutGraph(graph: WorkflowGraph, cache = new ComponentLayoutCache()): GraphLayout {
  const fast = usesFastLayout(graph.nodes.length);
  const parts = connectedComponents(graph).map((component): Part => {
    const shape = cache.layout(component, fast);
    return {
      width: shape.width,
      height: shape.height,
      nodes: component.nodes.map((node, i): PlacedNode => {
        const { x, y } = shape.centres[i];
        const { width, height } = shape.sizes[i];
        return { id: node.id, x: x - width / 2, y: y - height / 2, width, height };
      }),
      edges: new Map(component.edges.map((edge, i) => [edge, { from: edge.from, to: edge.to, kind: edge.kind, points: shape.bends[i] }])),
    };
  });
  // Rows for a drawing somewhat wider than tall (like a screen), to fit and pan.
  const area = parts.reduce((sum, p) => sum + (p.width + GAP) * (p.height + GAP), 0);
  const rowWidth = Math.max(Math.sqrt(area * 1.6), ...parts.map((p) => p.width));
  const nodes = new Map<string, PlacedNode>();
  const edges = new Map<GraphEdge, PlacedEdge>();
  let x = MARGIN;
  let y = MARGIN;
  let rowHeight = 0;
  let width = 0;
  for (const part of parts) {
    if (x > MARGIN && x + part.width > rowWidth + MARGIN) {
      x = MARGIN;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    for (const node of part.nodes) nodes.set(node.id, { ...node, x: node.x + x, y: node.y + y });
    for (const [edge, placed] of part.edges) edges.set(edge, { ...placed, points: placed.points.map((p) => ({ x: p.x + x, y: p.y + y })) });
    x += part.width + GAP;
    width = Math.max(width, x - GAP);
    rowHeight = Math.max(rowHeight, part.height);
  }
  return {
    width: width + MARGIN,
    height: y + rowHeight + MARGIN,
    nodes: graph.nodes.map((n) => nodes.get(n.id)!),
    edges: graph.edges.map((e) => edges.get(e)!),
  };
}

/** Past a few hundred nodes, the cheaper ranking and one ordering pass keep a drawing under a second. */
export function usesFastLayout(nodeCount: number): boolean {
  return nodeCount > FAST_ABOVE_NODES;
}

interface Part {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: Map<GraphEdge, PlacedEdge>;
}
