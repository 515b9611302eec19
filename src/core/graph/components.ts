import type { GraphEdge, GraphNode, WorkflowGraph } from '../../protocol/graph';

/** The graph's connected components (edges taken both ways), each in the order of its first node. */
export function connectedComponents(graph: WorkflowGraph): { nodes: GraphNode[]; edges: GraphEdge[] }[] {
  const parent = new Map<string, string>(graph.nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression: later finds are one step.
    for (let at = id; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const usable = graph.edges.filter((e) => parent.has(e.from) && parent.has(e.to));
  for (const edge of usable) parent.set(find(edge.from), find(edge.to));
  const components = new Map<string, { nodes: GraphNode[]; edges: GraphEdge[] }>();
  for (const node of graph.nodes) {
    const root = find(node.id);
    (components.get(root) ?? components.set(root, { nodes: [], edges: [] }).get(root)!).nodes.push(node);
  }
  for (const edge of usable) components.get(find(edge.from))!.edges.push(edge);
  return [...components.values()];
}
