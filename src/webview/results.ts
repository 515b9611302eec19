import { button, h } from './dom';
import { jsonTree } from './jsonTree';
import { kindBesideName } from './labels';
import { classificationView, detectionsFigure } from './overlay';
import { classifyOutput, type Detection } from './predictions';
import type { BlockErrorView, JsonObject, RunFailureView, RunNotSentView, RunSuccessView, WebviewMessage } from '../protocol/preview';

/** The results area: one section per output (images, predictions drawn over the input image,
 * classifications, everything else as a JSON tree), or the error with its step errors. */

export interface ResultsContext {
  send(message: WebviewMessage): void;
  /** The input images of this run, by input name (data URLs), to draw predictions on. */
  inputImages: Record<string, string>;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function baseImageFor(detections: Detection[], ctx: ResultsContext): string | undefined {
  const names = Object.keys(ctx.inputImages);
  const parent = detections.find((d) => d.parentId)?.parentId;
  if (parent && ctx.inputImages[parent]) return ctx.inputImages[parent];
  return names.length === 1 ? ctx.inputImages[names[0]] : undefined;
}

function outputSection(name: string, value: unknown, element: number, ctx: ResultsContext): HTMLElement {
  const shape = classifyOutput(value);
  const key = `out:${element}:${name}`;
  let kindLabel: string;
  let body: HTMLElement;
  switch (shape.kind) {
    case 'image':
      kindLabel = 'image';
      body = h('img', { class: 'output-image', src: shape.dataUrl, alt: `Output ${name}` });
      break;
    case 'images':
      kindLabel = `${shape.dataUrls.length} images`;
      body = h('div', { class: 'gallery' }, shape.dataUrls.map((url, i) => h('img', { class: 'output-image small', src: url, alt: `Output ${name}, image ${i + 1}` })));
      break;
    case 'detections': {
      const noun = shape.variant === 'keypoints' ? 'keypoint detections' : shape.variant === 'polygons' ? 'instance segmentation' : 'object detection';
      kindLabel = `${noun} · ${shape.detections.length}`;
      body = detectionsFigure({ detections: shape.detections, baseImage: baseImageFor(shape.detections, ctx), size: shape.image, caption: name });
      break;
    }
    case 'classification': {
      kindLabel = shape.multiLabel ? 'multi-label classification' : 'classification';
      const names = Object.keys(ctx.inputImages);
      body = classificationView(shape.classes, shape.top, shape.multiLabel, names.length === 1 ? ctx.inputImages[names[0]] : undefined);
      break;
    }
    default:
      kindLabel = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
      body = jsonTree(value, key);
  }
  const structured = shape.kind !== 'json';
  return h(
    'section',
    { class: 'output', 'aria-label': `Output ${name}` },
    h(
      'header',
      { class: 'output-header' },
      h('h3', {}, name),
      kindBesideName(name, kindLabel) && h('span', { class: 'badge' }, kindLabel),
      h('span', { class: 'spacer' }),
      button('Copy as JSON', () => ctx.send({ type: 'copy', target: { scope: 'output', element, output: name } }), { key: `copy:${key}`, kind: 'link', title: `Copy ${name} as JSON (secrets redacted)` }),
    ),
    body,
    structured && h('details', { class: 'raw', 'data-key': `raw:${key}` }, h('summary', {}, 'JSON'), jsonTree(value, `raw:${key}`)),
  );
}

/** What the server said beyond our explanation, each once (our explanation usually quotes it already). */
function failureFacts(view: RunFailureView): HTMLElement | false {
  const facts = [
    view.serverMessage && !view.message.includes(view.serverMessage) && [h('dt', {}, 'Server message'), h('dd', {}, view.serverMessage)],
    view.innerMessage &&
      view.innerMessage !== view.serverMessage &&
      !view.message.includes(view.innerMessage) && [h('dt', {}, `Inner error${view.innerErrorType ? ` (${view.innerErrorType})` : ''}`), h('dd', {}, view.innerMessage)],
    view.context && [h('dt', {}, 'Context'), h('dd', {}, view.context)],
  ].filter((fact) => !!fact);
  return facts.length > 0 && h('dl', { class: 'facts' }, facts);
}

function extras(title: string, value: unknown, key: string): HTMLElement | false {
  if (value === undefined || value === null) return false;
  return h('details', { class: 'extras', 'data-key': key }, h('summary', {}, title), jsonTree(value, key));
}

export function successView(view: RunSuccessView, ctx: ResultsContext): HTMLElement {
  const many = view.outputs.length > 1;
  return h(
    'div',
    { class: 'result success' },
    h(
      'header',
      { class: 'result-header' },
      h('h2', {}, 'Results'),
      h('span', { class: 'muted', 'data-testid': 'run-meta' }, `Done in ${seconds(view.durationMs)} · ${bytes(view.responseBytes)} · ${view.summary}`),
      h('span', { class: 'spacer' }),
      button('Copy All as JSON', () => ctx.send({ type: 'copy', target: { scope: 'all' } }), { key: 'copy:all', title: 'Copy every output as JSON (secrets redacted)' }),
    ),
    view.outputs.length === 0 && h('p', { class: 'muted' }, 'The server returned no outputs.'),
    view.outputs.map((element: JsonObject, index) =>
      h(
        'div',
        { class: 'element' },
        many && h('h3', { class: 'element-title' }, `Result ${index + 1} of ${view.outputs.length}`),
        Object.keys(element).length === 0 && h('p', { class: 'muted' }, 'No output values (outputs whose value is empty are left out by the server).'),
        Object.entries(element).map(([name, value]) => outputSection(name, value, index, ctx)),
      ),
    ),
    extras('Python block output (stdout / stderr)', view.pythonStreams, 'py-streams'),
    extras('Python block debug traces', view.debugTraces, 'py-traces'),
  );
}

function blockErrorItem(error: BlockErrorView, index: number, ctx: ResultsContext): HTMLElement {
  const stepLabel = error.step ? `Step \`${error.step}\`` : 'A step';
  return h(
    'li',
    { class: 'block-error' },
    h(
      'div',
      { class: 'block-error-head' },
      h('strong', {}, stepLabel),
      error.blockType && h('span', { class: 'muted' }, ` ${error.blockType}`),
      error.property && h('span', {}, ' · property ', h('code', {}, error.property)),
      error.step &&
        error.inDefinition &&
        button('Reveal in Editor', () => ctx.send({ type: 'revealStep', step: error.step! }), { key: `reveal:${index}`, kind: 'link', title: `Select step ${error.step} in the workflow` }),
    ),
    error.details && h('p', { class: 'details' }, error.details),
    error.traceback && h('details', { class: 'traceback', 'data-key': `tb:${index}` }, h('summary', {}, 'Traceback'), h('pre', {}, error.traceback)),
    error.stdout && h('details', { 'data-key': `out:${index}` }, h('summary', {}, 'stdout'), h('pre', {}, error.stdout)),
    error.stderr && h('details', { 'data-key': `err:${index}` }, h('summary', {}, 'stderr'), h('pre', {}, error.stderr)),
  );
}

export function failureView(view: RunFailureView, ctx: ResultsContext): HTMLElement {
  // Here, not a module constant: a table evaluated at load time is not counted as covered by mutation testing.
  const titles: Record<RunFailureView['kind'], string> = {
    'invalid-request': 'Not sent',
    http: 'The server answered with an error',
    network: 'Could not reach the server',
    timeout: 'The server did not answer in time',
    cancelled: 'Cancelled',
    'too-large': 'The answer is too large',
    malformed: 'The answer could not be read',
    internal: 'The preview failed',
  };
  const cancelled = view.kind === 'cancelled';
  const head = [titles[view.kind], view.httpStatus !== undefined ? String(view.httpStatus) : '', view.errorType ?? ''].filter(Boolean).join(' · ');
  return h(
    'div',
    { class: `result ${cancelled ? 'notice' : 'failure'}`, role: cancelled ? 'status' : 'alert' },
    h('header', { class: 'result-header' }, h('h2', {}, head), view.durationMs > 0 && h('span', { class: 'muted' }, `after ${seconds(view.durationMs)}`), h('span', { class: 'spacer' }), !cancelled && button('Copy Error as JSON', () => ctx.send({ type: 'copy', target: { scope: 'all' } }), { key: 'copy:error', kind: 'link' })),
    h('p', { class: 'message', 'data-testid': 'failure-message' }, view.message),
    failureFacts(view),
    view.blockErrors.length > 0 && [h('h3', {}, view.blockErrors.length === 1 ? 'Step error' : `Step errors (${view.blockErrors.length})`), h('ul', { class: 'block-errors' }, view.blockErrors.map((e, i) => blockErrorItem(e, i, ctx)))],
    view.validationIssues && view.validationIssues.length > 0 && h('ul', { class: 'issues' }, view.validationIssues.map((issue) => h('li', {}, h('code', {}, issue.location), ` ${issue.message}`))),
    extras('Python block output (stdout / stderr)', view.pythonStreams, 'f-py-streams'),
    extras('Python block debug traces', view.debugTraces, 'f-py-traces'),
    view.summary && h('p', { class: 'muted' }, view.summary),
  );
}

export function notSentView(view: RunNotSentView, ctx: ResultsContext & { command(command: NonNullable<RunNotSentView['action']>['command']): void }): HTMLElement {
  return h(
    'div',
    { class: 'result notice', role: 'status' },
    h('h2', {}, 'Nothing was sent'),
    h('p', { class: 'message', 'data-testid': 'not-sent-reason' }, view.reason),
    view.detail && h('p', {}, view.detail),
    view.action && button(view.action.label, () => ctx.command(view.action!.command), { key: `action:${view.action.command}`, kind: 'primary' }),
  );
}
