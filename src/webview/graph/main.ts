import './graph.css';
import { ComponentLayoutCache, layoutGraph, type GraphLayout, type PlacedNode } from '../../core/graph/layout';
import { parseGraphHostMessage, type GraphNode, type GraphRunView, type GraphView, type GraphWebviewMessage } from '../../protocol/graph';
import { button, h, replaceChildren, s } from '../dom';
import { nearestInDirection, type Direction } from './navigate';
import { fitViewport, isViewport, zoomAt, type Viewport } from './viewport';

/**
 * The workflow graph's webview: lays out the graph the host sends (dagre, here rather than in the
 * extension host, so a large workflow never holds up other extensions), draws it as SVG and reports
 * clicks. Pan by dragging, zoom with the wheel or +/−, 0 fits; Tab and the arrow keys move between
 * nodes, Enter reveals one in the editor. The viewport survives re-draws and reloads (setState).
 */

interface VsCodeApi {
  postMessage(message: GraphWebviewMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  workflowUri?: string;
  viewport?: Viewport;
}

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as Partial<SavedState>;
let state: SavedState = { workflowUri: typeof saved.workflowUri === 'string' ? saved.workflowUri : undefined, viewport: isViewport(saved.viewport) ? saved.viewport : undefined };

let view: GraphView | undefined;
let layout: GraphLayout | undefined;
let run: GraphRunView | null = null;
let cursor: string | null = null;
let viewport: Viewport | undefined = state.viewport;
const nodeElements = new Map<string, SVGGElement>();
// Kept across redraws: an edit usually changes one pipeline, and only its shape is laid out again.
const layouts = new ComponentLayoutCache();

const app = document.getElementById('app')!;
const status = h('p', { class: 'status', role: 'status', 'data-testid': 'status' });
const svg = s('svg', { class: 'graph', role: 'group', 'aria-label': 'Workflow graph', 'data-testid': 'graph' });
const world = s('g', { class: 'viewport' });
svg.append(markers(), world);

function markers(): SVGDefsElement {
  const arrow = (id: string) => s('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
  return s('defs', {}, arrow('arrow-data'), arrow('arrow-flow'));
}

function saveState(): void {
  vscode.setState(state);
}

// ---- drawing ----------------------------------------------------------------------------------------

function truncate(text: string, width: number, charWidth: number): string {
  const max = Math.max(4, Math.floor((width - 16) / charWidth));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Shortens in the middle, so a type keeps its version (`roboflow_core/rob…_model@v2`). */
function truncateMiddle(text: string, width: number, charWidth: number): string {
  const max = Math.max(6, Math.floor((width - 16) / charWidth));
  if (text.length <= max) return text;
  const tail = Math.ceil((max - 1) / 2);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

function failedMessage(node: GraphNode): string | undefined {
  if (node.kind !== 'step' || !run) return undefined;
  return run.failedSteps.find((f) => f.step === node.name)?.message;
}

function outputCount(node: GraphNode): number | undefined {
  if (node.kind !== 'output' || run?.status !== 'success') return undefined;
  return run.outputCounts.find((o) => o.output === node.name)?.count;
}

function nodeLabel(node: GraphNode): string {
  const parts = [`${node.kind} ${node.name || '(unnamed)'}`];
  if (node.kind === 'step') parts.push(node.title, node.detail);
  if (node.privateModel) parts.push('uses a private model');
  if (node.credential) parts.push('takes a credential');
  if (node.errors) parts.push(`${node.errors} error${node.errors === 1 ? '' : 's'}`);
  if (node.warnings) parts.push(`${node.warnings} warning${node.warnings === 1 ? '' : 's'}`);
  const failed = failedMessage(node);
  if (failed !== undefined) parts.push(`failed in the last run: ${failed}`);
  const count = outputCount(node);
  if (count !== undefined) parts.push(`${count} item${count === 1 ? '' : 's'} in the last run`);
  return parts.join(', ');
}

function drawNode(node: GraphNode, placed: PlacedNode): SVGGElement {
  const failed = failedMessage(node);
  const count = outputCount(node);
  const classes = ['node', node.kind, node.errors ? 'has-errors' : node.warnings ? 'has-warnings' : '', failed !== undefined ? 'failed' : '', count !== undefined ? 'ran' : ''];
  const markers = [node.privateModel ? '🔒' : '', node.credential ? '🔑' : ''].join('');
  const counts = [node.errors ? `✖ ${node.errors}` : '', node.warnings ? `⚠ ${node.warnings}` : ''].filter(Boolean).join(' ');
  const lines: SVGTextElement[] = [];
  const first = node.title;
  lines.push(s('text', { class: 'title', x: 10, y: 19 }, truncate(first, placed.width - (markers ? 36 : 0), 7.5)));
  if (node.kind === 'step') lines.push(s('text', { class: 'name', x: 10, y: 36 }, truncate(node.name || '(unnamed)', placed.width, 7)));
  lines.push(s('text', { class: 'detail', x: 10, y: node.kind === 'step' ? 53 : 36 }, truncateMiddle(node.detail, placed.width, 6.5)));
  const g = s(
    'g',
    { class: classes.filter(Boolean).join(' '), transform: `translate(${placed.x} ${placed.y})`, tabindex: 0, role: 'button', 'aria-label': nodeLabel(node), 'data-id': node.id, 'data-name': node.name },
    s('title', {}, nodeLabel(node)),
    s('rect', { class: 'box', width: placed.width, height: placed.height, rx: node.kind === 'step' ? 6 : 18 }),
    lines,
    markers && s('text', { class: 'markers', x: placed.width - 8, y: 19, 'text-anchor': 'end' }, markers),
    counts && s('text', { class: 'counts', x: placed.width - 8, y: placed.height - 8, 'text-anchor': 'end' }, counts),
    failed !== undefined && s('text', { class: 'run-status', x: placed.width - 8, y: 36, 'text-anchor': 'end' }, 'failed'),
    count !== undefined && s('text', { class: 'run-status', x: placed.width - 8, y: placed.height - 8, 'text-anchor': 'end' }, `${count} item${count === 1 ? '' : 's'}`),
  );
  g.addEventListener('click', () => reveal(node.id));
  g.addEventListener('keydown', (event) => onNodeKey(event, node.id));
  g.addEventListener('focus', () => g.classList.add('focused'));
  g.addEventListener('blur', () => g.classList.remove('focused'));
  return g;
}

function edgePath(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
}

function draw(): void {
  if (!view || !layout) return;
  const focusedId = document.activeElement instanceof SVGGElement ? document.activeElement.dataset.id : undefined;
  nodeElements.clear();
  const edges = view.graph.edges.map((edge, i) =>
    s('path', { class: `edge ${edge.kind}`, d: edgePath(layout!.edges[i].points), 'marker-end': `url(#arrow-${edge.kind})`, 'data-from': edge.from, 'data-to': edge.to }, s('title', {}, edge.label)),
  );
  // Tab order follows the picture: top to bottom, then left to right.
  const order = view.graph.nodes.map((node, i) => ({ node, placed: layout!.nodes[i] })).sort((a, b) => a.placed.y - b.placed.y || a.placed.x - b.placed.x);
  const nodes = order.map(({ node, placed }) => {
    const element = drawNode(node, placed);
    nodeElements.set(node.id, element);
    return element;
  });
  replaceChildren(world, s('g', { class: 'edges' }, edges), s('g', { class: 'nodes' }, nodes));
  highlightCursor();
  if (focusedId) nodeElements.get(focusedId)?.focus({ preventScroll: true });
}

function highlightCursor(): void {
  for (const [id, element] of nodeElements) element.classList.toggle('current', id === cursor);
}

function applyViewport(): void {
  if (!viewport) return;
  world.setAttribute('transform', `translate(${viewport.x.toFixed(2)} ${viewport.y.toFixed(2)}) scale(${viewport.scale.toFixed(4)})`);
  state = { ...state, viewport };
  saveState();
}

function fit(): void {
  if (!layout) return;
  const box = svg.getBoundingClientRect();
  viewport = fitViewport(layout.width, layout.height, box.width, box.height);
  applyViewport();
}

function zoom(factor: number, cx?: number, cy?: number): void {
  if (!viewport) return;
  const box = svg.getBoundingClientRect();
  viewport = zoomAt(viewport, factor, cx ?? box.width / 2, cy ?? box.height / 2);
  applyViewport();
}

/** Pans just enough to show a node the keyboard moved to. */
function showNode(id: string): void {
  const placed = layout?.nodes[view!.graph.nodes.findIndex((n) => n.id === id)];
  if (!placed || !viewport) return;
  const box = svg.getBoundingClientRect();
  const left = viewport.x + placed.x * viewport.scale;
  const top = viewport.y + placed.y * viewport.scale;
  const right = left + placed.width * viewport.scale;
  const bottom = top + placed.height * viewport.scale;
  let { x, y } = viewport;
  if (left < 0) x -= left - 16;
  else if (right > box.width) x -= right - box.width + 16;
  if (top < 0) y -= top - 16;
  else if (bottom > box.height) y -= bottom - box.height + 16;
  if (x !== viewport.x || y !== viewport.y) {
    viewport = { ...viewport, x, y };
    applyViewport();
  }
}

// ---- input ------------------------------------------------------------------------------------------

function reveal(id: string): void {
  vscode.postMessage({ type: 'reveal', node: id });
}

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

function onNodeKey(event: KeyboardEvent, id: string): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    reveal(id);
    return;
  }
  const direction = Object.prototype.hasOwnProperty.call(ARROWS, event.key) ? ARROWS[event.key] : undefined;
  if (!direction || !layout || !view) return;
  event.preventDefault();
  const from = layout.nodes[view.graph.nodes.findIndex((n) => n.id === id)];
  const next = from && nearestInDirection(layout.nodes, from, direction);
  if (!next) return;
  showNode(next.id);
  nodeElements.get(next.id)?.focus({ preventScroll: true });
}

document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLButtonElement) return;
  if (event.key === '+' || event.key === '=') zoom(1.25);
  else if (event.key === '-' || event.key === '_') zoom(0.8);
  else if (event.key === '0') fit();
  else return;
  event.preventDefault();
});

svg.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    zoom(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
  },
  { passive: false },
);

let drag: { x: number; y: number; start: Viewport } | undefined;
svg.addEventListener('pointerdown', (event) => {
  if (!viewport || event.button !== 0 || (event.target instanceof Element && event.target.closest('g.node'))) return;
  drag = { x: event.clientX, y: event.clientY, start: viewport };
  svg.setPointerCapture(event.pointerId);
  svg.classList.add('panning');
});
svg.addEventListener('pointermove', (event) => {
  if (!drag) return;
  viewport = { ...drag.start, x: drag.start.x + event.clientX - drag.x, y: drag.start.y + event.clientY - drag.y };
  applyViewport();
});
const endDrag = () => {
  drag = undefined;
  svg.classList.remove('panning');
};
svg.addEventListener('pointerup', endDrag);
svg.addEventListener('pointercancel', endDrag);

// ---- export ------------------------------------------------------------------------------------------

/** Properties the standalone file needs as attributes: theme variables do not exist outside VS Code. */
const INLINED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'opacity'] as const;

function exportSvg(): void {
  if (!layout) return;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // The whole drawing at its own size, whatever the pan and zoom.
  copy.querySelector('g.viewport')?.removeAttribute('transform');
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const clones = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((original, i) => {
    const computed = window.getComputedStyle(original);
    for (const property of INLINED) {
      const value = computed.getPropertyValue(property);
      if (value) clones[i].setAttribute(property, value);
    }
    clones[i].removeAttribute('class');
    clones[i].removeAttribute('tabindex');
  });
  const background = window.getComputedStyle(document.body).backgroundColor;
  copy.insertBefore(s('rect', { width: layout.width, height: layout.height, fill: background }), copy.firstChild);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('viewBox', `0 0 ${layout.width.toFixed(0)} ${layout.height.toFixed(0)}`);
  copy.setAttribute('width', layout.width.toFixed(0));
  copy.setAttribute('height', layout.height.toFixed(0));
  vscode.postMessage({ type: 'exportSvg', svg: new XMLSerializer().serializeToString(copy) });
}

// ---- page ------------------------------------------------------------------------------------------

const toolbar = h(
  'div',
  { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph' },
  button('Fit', () => fit(), { key: 'fit', title: 'Show the whole graph (0)' }),
  button('+', () => zoom(1.25), { key: 'zoom-in', title: 'Zoom in (+)', ariaLabel: 'Zoom in' }),
  button('−', () => zoom(0.8), { key: 'zoom-out', title: 'Zoom out (−)', ariaLabel: 'Zoom out' }),
  button('Export SVG…', () => exportSvg(), { key: 'export', title: 'Save the graph as an SVG file' }),
  h('span', { class: 'legend' }, h('span', { class: 'legend-data' }, 'data'), h('span', { class: 'legend-flow' }, 'flow control'), '🔒 private model', '🔑 credential'),
);
const heading = h('h1', {});

function showStatus(): void {
  const parts = [view?.problem, run?.summary].filter((p): p is string => !!p);
  replaceChildren(status, parts.join(' · '));
  status.classList.toggle('failure', run?.status === 'failure');
}

function onGraph(next: GraphView): void {
  const first = !layout;
  view = next;
  replaceChildren(heading, `Graph of ${next.fileName}`);
  const started = performance.now();
  layout = layoutGraph(next.graph, layouts);
  svg.dataset.layoutMs = (performance.now() - started).toFixed(0);
  svg.dataset.nodes = String(next.graph.nodes.length);
  state = { ...state, workflowUri: next.workflowUri };
  draw();
  showStatus();
  if (first && !viewport) fit();
  else applyViewport();
  app.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseGraphHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`Graph: ignored a message from the host (${parsed.error}).`);
    return;
  }
  const message = parsed.message;
  switch (message.type) {
    case 'graph':
      onGraph(message.view);
      return;
    case 'cursor':
      cursor = message.node;
      highlightCursor();
      return;
    case 'run':
      run = message.run;
      draw();
      showStatus();
      return;
  }
});

replaceChildren(app, h('header', {}, heading, toolbar), status, svg);
saveState();
vscode.postMessage({ type: 'ready' });
