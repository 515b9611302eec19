/**
 * The typed messages between the workflow graph panel's host (which analyses the workflow, follows
 * the editor and the preview's runs) and its webview (which lays the graph out, draws it and
 * reports clicks). Shared by both bundles; no `vscode` and no DOM in here. Every message is
 * validated on arrival on both sides (`parseGraphWebviewMessage`, `parseGraphHostMessage`).
 */

import { arrayOf, bool, describe, int, isRecord, name, nullable, object, oneOf, optional, str, type Check, type ParseResult } from './checks';
import { hasOwn } from '../core/ownProperties';

/** The webview view type (also the WebviewPanelSerializer's). */
export const GRAPH_VIEW_TYPE = 'roboflowWorkflows.graph';

export type GraphNodeKind = 'input' | 'step' | 'output';

export interface GraphNode {
  /** `input:<index>`, `step:<index>` or `output:<index>`: unique even when names repeat. */
  id: string;
  kind: GraphNodeKind;
  /** The input's, step's or output's `name` (empty when it has none). */
  name: string;
  /** What the node says first: the block's human name for a step, the name otherwise. */
  title: string;
  /** The second line: a step's `type` (with its version), an input's type, an output's selector. */
  detail: string;
  /** 🔒 A literal model id that looks private (the run-access question). */
  privateModel: boolean;
  /** 🔑 The step takes a credential (API key of a provider). */
  credential: boolean;
  errors: number;
  warnings: number;
}

export type GraphEdgeKind = 'data' | 'flow';

export interface GraphEdge {
  from: string;
  to: string;
  /** data: a selector reads the source's value · flow: a flow-control step continues with the target. */
  kind: GraphEdgeKind;
  /** The properties of the target (or source, for flow) that hold the selectors, comma-separated. */
  label: string;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphView {
  /** The workflow's URI (kept by the webview so a reload restores the panel). */
  workflowUri: string;
  fileName: string;
  graph: WorkflowGraph;
  /** Why there is nothing to draw (the text is not a workflow object). */
  problem?: string;
}

/** The latest preview run, as the graph shows it: failed steps, and how many items each output held. */
export interface GraphRunView {
  runId: number;
  status: 'success' | 'failure' | 'not-sent';
  /** One line: "Succeeded in 1.2 s" / "Failed: …". */
  summary: string;
  failedSteps: { step: string; message: string }[];
  outputCounts: { output: string; count: number }[];
}

export type GraphHostMessage =
  | { type: 'graph'; view: GraphView }
  /** The node under the editor's cursor (null: none). */
  | { type: 'cursor'; node: string | null }
  | { type: 'run'; run: GraphRunView | null };

export type GraphWebviewMessage =
  | { type: 'ready' }
  /** Reveal this node's definition in the editor. */
  | { type: 'reveal'; node: string }
  /** The drawing as a standalone SVG document, for the host to save. */
  | { type: 'exportSvg'; svg: string };

/** The largest SVG the webview may hand over (a 1,000-step drawing is about 1 MB). */
export const MAX_SVG_CHARS = 20_000_000;
const NODE_ID = /^(input|step|output):\d{1,7}$/;

const nodeId: Check = (v) => typeof v === 'string' && NODE_ID.test(v);
const count: Check = int;

const graphNode = object({
  id: nodeId,
  kind: oneOf(['input', 'step', 'output']),
  name: str(),
  title: str(),
  detail: str(),
  privateModel: bool,
  credential: bool,
  errors: count,
  warnings: count,
});
const graphEdge = object({ from: nodeId, to: nodeId, kind: oneOf(['data', 'flow']), label: str() });
const graphView = object({
  workflowUri: str(),
  fileName: str(),
  graph: object({ nodes: arrayOf(graphNode), edges: arrayOf(graphEdge) }),
  problem: optional(str()),
});
const runView = object({
  runId: int,
  status: oneOf(['success', 'failure', 'not-sent']),
  summary: str(),
  failedSteps: arrayOf(object({ step: str(), message: str() })),
  outputCounts: arrayOf(object({ output: str(), count })),
});

const HOST_MESSAGES: Record<GraphHostMessage['type'], Check> = {
  graph: object({ type: str(), view: graphView }),
  cursor: object({ type: str(), node: nullable(nodeId) }),
  run: object({ type: str(), run: nullable(runView) }),
};

const WEBVIEW_MESSAGES: Record<GraphWebviewMessage['type'], Check> = {
  ready: object({ type: str() }),
  reveal: object({ type: str(), node: (v) => name(v) && nodeId(v) }),
  exportSvg: object({ type: str(), svg: (v) => typeof v === 'string' && v.length <= MAX_SVG_CHARS && /^<svg[\s>]/.test(v) }),
};

function parse<T>(checks: Record<string, Check>, value: unknown): ParseResult<T> {
  if (!isRecord(value) || !hasOwn(value, 'type') || typeof value.type !== 'string' || !hasOwn(checks, value.type)) {
    return { ok: false, error: `unknown message ${describe(value)}` };
  }
  return checks[value.type](value) ? { ok: true, message: value as T } : { ok: false, error: `malformed message ${describe(value)}` };
}

/** Host side: a message from the graph webview, or why it was rejected. */
export function parseGraphWebviewMessage(value: unknown): ParseResult<GraphWebviewMessage> {
  return parse<GraphWebviewMessage>(WEBVIEW_MESSAGES, value);
}

/** Webview side: a message from the extension host, or why it was rejected. */
export function parseGraphHostMessage(value: unknown): ParseResult<GraphHostMessage> {
  return parse<GraphHostMessage>(HOST_MESSAGES, value);
}
