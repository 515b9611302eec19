import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { GraphEdge, GraphEdgeKind, GraphNode, GraphNodeKind, WorkflowGraph } from '../../protocol/graph';
import { connectedComponents } from './components';

export interface Point {
  x: number;
  y: number;
}

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

/** Node boxes: a step has three lines (block name, step name, type), inputs and outputs two. */
export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  input: { width: 200, height: 46 },
  step: { width: 240, height: 64 },
  output: { width: 200, height: 46 },
};

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
export function layoutGraph(graph: WorkflowGraph): GraphLayout {
  // Past a few hundred nodes, the cheaper ranking and one ordering pass keep a drawing under a second.
  const fast = graph.nodes.length > FAST_ABOVE_NODES;
  const parts = connectedComponents(graph).map((component) => layoutComponent(component, fast));
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

interface Part {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: Map<GraphEdge, PlacedEdge>;
}

function layoutComponent(component: { nodes: GraphNode[]; edges: GraphEdge[] }, fast: boolean): Part {
  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56, edgesep: 12, marginx: 0, marginy: 0, ...(fast && { ranker: 'longest-path' }) });
  for (const node of component.nodes) g.setNode(node.id, { ...NODE_SIZE[node.kind] });
  component.edges.forEach((edge, index) => g.setEdge(edge.from, edge.to, { weight: edge.kind === 'data' ? 2 : 1 }, String(index)));
  layout(g, fast ? { disableOptimalOrderHeuristic: true } : undefined);
  const nodes = component.nodes.map((node): PlacedNode => {
    const { x = 0, y = 0, width, height } = g.node(node.id);
    return { id: node.id, x: x - width / 2, y: y - height / 2, width, height };
  });
  const edges = new Map<GraphEdge, PlacedEdge>();
  component.edges.forEach((edge, index) => {
    const points = (g.edge(edge.from, edge.to, String(index))?.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    edges.set(edge, { from: edge.from, to: edge.to, kind: edge.kind, points });
  });
  const label = g.graph();
  return { width: label.width ?? 0, height: label.height ?? 0, nodes, edges };
}
