import { createRequire } from 'node:module';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { cssEscape } from './dom';

/**
 * Runs a webview entry script (src/webview/main.ts, src/webview/graph/main.ts) the way VS Code
 * does: in a page with `<main id="app">`, with `acquireVsCodeApi()` defined, the host's messages
 * arriving as `message` events on the window. Each `loadWebview()` is a fresh page AND a fresh
 * instance of the script (its module-level state starts over), so a test can reload a webview
 * with the state the previous one saved.
 *
 * How the fresh instance works: esbuild bundles this file on its own (dist/test/support/
 * webviewHarness.js, like every file in test/support) with both scripts behind lazy wrappers that
 * run once per copy of the bundle. `loadWebview()` requires a new copy of that bundle file (out of
 * the require cache) and runs the script in it. The test file's own bundle never contains the
 * scripts. Everything stays in one Node realm (no vm), so a mutation-testing run can still switch
 * mutants inside the scripts.
 *
 * What jsdom lacks and a webview has, stubbed here: `CSS.escape`, `Element.scrollIntoView`
 * (recorded), `setPointerCapture`/`releasePointerCapture` (no-ops); `XMLSerializer` writes a
 * hand-set `xmlns` once, as browsers do (`browserXmlSerializer`). jsdom does no layout: every
 * `getBoundingClientRect()` is 0×0 unless `setBox()` gives an element a size. With `css`, the
 * stylesheet is put in the page and `getComputedStyle` resolves `var(--…)` and inherits like a
 * browser (jsdom returns declared values unresolved; see `browserComputedStyle`).
 */

export type WebviewScript = 'preview' | 'graph';

/** Runs the script in this copy of the bundle (called on a fresh copy only: see `freshBundle`). */
export async function runScript(script: WebviewScript): Promise<void> {
  if (script === 'preview') await import('../../src/webview/main');
  else await import('../../src/webview/graph/main');
}

function freshBundle(): { runScript(script: WebviewScript): Promise<void> } {
  // From the test bundle (dist/test/unit) or from this bundle (dist/test/support): the same file.
  const file = path.resolve(__dirname, '..', 'support', 'webviewHarness.js');
  const load = createRequire(file);
  delete load.cache[file];
  try {
    return load(file) as { runScript(script: WebviewScript): Promise<void> };
  } finally {
    delete load.cache[file];
  }
}

export interface LoadOptions {
  /** What `getState()` returns at load (what the webview saved before VS Code reloaded it). */
  state?: unknown;
  /** A stylesheet for the page (the one the panel links); turns on the browser-like getComputedStyle. */
  css?: string;
  /** Theme variables, as VS Code sets them on `<html style="--vscode-…">`. */
  theme?: Record<string, string>;
}

export interface Webview {
  readonly window: JSDOM['window'];
  readonly document: Document;
  /** Every message the webview posted to the host, in order, as the host receives them (JSON). */
  readonly posted: unknown[];
  /** Every `setState()` call, in order (JSON). */
  readonly saved: unknown[];
  /** What `getState()` returns now (what a reload would get). */
  state(): unknown;
  /** `console.warn` calls made while the script handled `send()`'s messages. */
  readonly warnings: string[];
  /** Elements `scrollIntoView()` was called on. */
  readonly scrolledIntoView: Element[];
  /** How many `setInterval` timers the script has running now (the preview's run clock). */
  liveIntervals(): number;
  /** The host posts a message (structured-cloned, like postMessage). Throws what a listener threw. */
  send(message: unknown): void;
  /** A click, as the user's: `click()` for HTML elements (nothing happens on a disabled control), a bubbling MouseEvent for SVG. */
  click(target: Element): void;
  /** Types `value` into a text field, number field or textarea: sets it and fires `input`. */
  type(target: Element, value: string): void;
  /** A keydown (bubbling, cancelable); returns the event to check `defaultPrevented`. */
  key(target: Element | Document, key: string): KeyboardEvent;
  /** Dispatches an event built from the page's own constructors, e.g. `(w) => new w.PointerEvent(…)`. */
  dispatch(target: EventTarget, make: (window: JSDOM['window']) => Event): Event;
  /** What `getBoundingClientRect()` returns for this element from now on (jsdom does no layout). */
  setBox(element: Element, box: { left?: number; top?: number; width: number; height: number }): void;
  close(): void;
}

/** The page VS Code shows (src/vscode/preview/html.ts) without its script tag: the test runs the script. */
function page(loading: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>webview</title></head><body><main id="app" aria-busy="true"><p class="muted">${loading}</p></main></body></html>`;
}

/** The globals the scripts read at run time (DOM classes for `instanceof`, constructors, the API). */
const GLOBALS = [
  'window',
  'document',
  'Node',
  'Element',
  'HTMLElement',
  'HTMLButtonElement',
  'HTMLInputElement',
  'SVGElement',
  'SVGGElement',
  'Event',
  'MouseEvent',
  'KeyboardEvent',
  'MessageEvent',
  'XMLSerializer',
  'DOMParser',
  'getComputedStyle',
  'CSS',
  'acquireVsCodeApi',
] as const;

const INHERITED = new Set(['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'color']);
/** jsdom's placeholder for a value only a user agent knows (font-family, …). */
const UA_PLACEHOLDER = 'depends on user agent';

/**
 * A computed style as a browser gives it, for what the graph's export reads (`getPropertyValue`,
 * `backgroundColor`): jsdom returns the declared value (`var(--node-bg)`) and inherits nothing, a
 * browser resolves `var()` (against the custom properties of :root and `<html style>`) and inherits
 * fill, stroke and fonts from the parent. A custom property that is not set and has no fallback
 * gives '' (the script then writes nothing).
 */
function browserComputedStyle(window: JSDOM['window']): (element: Element) => Pick<CSSStyleDeclaration, 'getPropertyValue' | 'backgroundColor'> {
  const jsdomComputedStyle = window.getComputedStyle.bind(window);
  const declared = (element: Element) => jsdomComputedStyle(element);
  const custom = (name: string) => declared(window.document.documentElement).getPropertyValue(name).trim();
  const resolve = (value: string, depth = 0): string => {
    const start = value.indexOf('var(');
    if (start < 0) return value;
    if (depth > 20) return '';
    let level = 0;
    let comma = -1;
    let end = -1;
    for (let i = start + 4; i < value.length; i++) {
      const c = value[i];
      if (c === '(') level++;
      else if (c === ')' && level === 0) {
        end = i;
        break;
      } else if (c === ')') level--;
      else if (c === ',' && level === 0 && comma < 0) comma = i;
    }
    if (end < 0) return '';
    const name = value.slice(start + 4, comma < 0 ? end : comma).trim();
    const fallback = comma < 0 ? undefined : value.slice(comma + 1, end).trim();
    const own = custom(name);
    const substituted = own ? resolve(own, depth + 1) : fallback !== undefined ? resolve(fallback, depth + 1) : '';
    if (!substituted) return '';
    return resolve(value.slice(0, start) + substituted + value.slice(end + 1), depth + 1);
  };
  const valueOf = (element: Element, property: string): string => {
    let value = declared(element).getPropertyValue(property).trim();
    if (property === 'background-color' && (!value || value === 'rgba(0, 0, 0, 0)')) {
      const shorthand = declared(element).getPropertyValue('background').trim();
      if (shorthand.includes('var(')) value = shorthand;
    }
    if (value === UA_PLACEHOLDER) value = '';
    if (!value && INHERITED.has(property) && element.parentElement) return valueOf(element.parentElement, property);
    return resolve(value);
  };
  return (element) => ({
    getPropertyValue: (property: string) => valueOf(element, property),
    get backgroundColor() {
      return valueOf(element, 'background-color');
    },
  });
}

/**
 * `XMLSerializer` as browsers have it for an `xmlns` attribute set by hand (`setAttribute('xmlns', …)`,
 * no namespace) equal to the element's own namespace: written once. jsdom's serializer follows the
 * DOM Parsing algorithm to the letter and writes it twice, which is not well-formed XML
 * (https://github.com/jsdom/w3c-xmlserializer/issues/14). The graph's export sets that attribute.
 */
function browserXmlSerializer(window: JSDOM['window']): new () => Pick<XMLSerializer, 'serializeToString'> {
  return class {
    serializeToString(node: Node): string {
      const copy = node.cloneNode(true);
      if (copy instanceof window.Element) {
        for (const element of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
          if (element.hasAttributeNS(null, 'xmlns') && element.getAttributeNS(null, 'xmlns') === element.namespaceURI) element.removeAttributeNS(null, 'xmlns');
        }
      }
      return new window.XMLSerializer().serializeToString(copy);
    }
  };
}

let current: Webview | undefined;

/** Loads `script` in a new page; close it (`close()`) before loading another. */
export async function loadWebview(script: WebviewScript, options: LoadOptions = {}): Promise<Webview> {
  if (current) throw new Error('loadWebview(): close the previous webview first');
  const errors: unknown[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error: unknown) => errors.push(error));
  const dom = new JSDOM(page(script === 'preview' ? 'Loading the preview…' : 'Drawing the workflow…'), { virtualConsole, pretendToBeVisual: false });
  const window = dom.window;
  const document = window.document;
  if (options.theme) document.documentElement.setAttribute('style', Object.entries(options.theme).map(([k, v]) => `${k}: ${v}`).join('; '));
  if (options.css !== undefined) {
    const style = document.createElement('style');
    style.textContent = options.css;
    document.head.append(style);
  }

  const scrolledIntoView: Element[] = [];
  const proto = window.Element.prototype as unknown as Record<string, unknown>;
  proto.scrollIntoView = function (this: Element) {
    scrolledIntoView.push(this);
  };
  proto.setPointerCapture = () => undefined;
  proto.releasePointerCapture = () => undefined;
  const computedStyle = options.css !== undefined ? browserComputedStyle(window) : window.getComputedStyle.bind(window);
  if (options.css !== undefined) (window as unknown as { getComputedStyle: unknown }).getComputedStyle = computedStyle;

  const posted: unknown[] = [];
  const saved: unknown[] = [];
  let stored: string | undefined = options.state === undefined ? undefined : JSON.stringify(options.state);
  let acquired = false;
  const api = {
    postMessage(message: unknown) {
      posted.push(JSON.parse(JSON.stringify(message)));
    },
    getState() {
      return stored === undefined ? undefined : JSON.parse(stored);
    },
    setState(state: unknown) {
      stored = JSON.stringify(state);
      saved.push(JSON.parse(stored));
    },
  };
  const values: Record<(typeof GLOBALS)[number], unknown> = {
    window,
    document,
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    HTMLButtonElement: window.HTMLButtonElement,
    HTMLInputElement: window.HTMLInputElement,
    SVGElement: window.SVGElement,
    SVGGElement: window.SVGGElement,
    Event: window.Event,
    MouseEvent: window.MouseEvent,
    KeyboardEvent: window.KeyboardEvent,
    MessageEvent: window.MessageEvent,
    XMLSerializer: browserXmlSerializer(window),
    DOMParser: window.DOMParser,
    getComputedStyle: computedStyle,
    CSS: { escape: cssEscape },
    acquireVsCodeApi: () => {
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return api;
    },
  };
  const savedGlobals = new Map<string, PropertyDescriptor | undefined>();
  for (const name of GLOBALS) {
    savedGlobals.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value: values[name], configurable: true, writable: true, enumerable: false });
  }
  // The preview's "Running… 1.2 s" ticker: cleared on close, so a test that fails mid-run leaves no timer behind.
  const intervals = new Set<ReturnType<typeof setInterval>>();
  const realSetInterval = globalThis.setInterval;
  const realClearInterval = globalThis.clearInterval;
  globalThis.setInterval = ((handler: () => void, ms?: number) => {
    const id = realSetInterval(handler, ms);
    intervals.add(id);
    return id;
  }) as typeof setInterval;
  globalThis.clearInterval = ((id?: ReturnType<typeof setInterval>) => {
    if (id !== undefined) intervals.delete(id);
    realClearInterval(id);
  }) as typeof clearInterval;

  const close = () => {
    for (const id of intervals) realClearInterval(id);
    globalThis.setInterval = realSetInterval;
    globalThis.clearInterval = realClearInterval;
    for (const name of GLOBALS) {
      const descriptor = savedGlobals.get(name);
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
    window.close();
    current = undefined;
  };
  const rethrow = () => {
    const error = errors.shift();
    if (error !== undefined) {
      errors.length = 0;
      throw error instanceof Error ? error : new Error(String(error));
    }
  };

  const warnings: string[] = [];
  const webview: Webview = {
    window,
    document,
    posted,
    saved,
    state: () => api.getState(),
    warnings,
    scrolledIntoView,
    liveIntervals: () => intervals.size,
    send(message) {
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
      try {
        window.dispatchEvent(new window.MessageEvent('message', { data: message === undefined ? undefined : structuredClone(message) }));
      } finally {
        console.warn = warn;
      }
      rethrow();
    },
    click(target) {
      if (target instanceof window.HTMLElement) target.click();
      else target.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
      rethrow();
    },
    type(target, value) {
      if (!(target instanceof window.HTMLInputElement || target instanceof window.HTMLTextAreaElement)) throw new Error(`cannot type into <${target.tagName.toLowerCase()}>`);
      if (target.disabled) throw new Error(`<${target.tagName.toLowerCase()} id="${target.id}"> is disabled: nobody can type into it`);
      target.focus();
      target.value = value;
      target.dispatchEvent(new window.Event('input', { bubbles: true }));
      rethrow();
    },
    key(target, key) {
      const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      rethrow();
      return event;
    },
    dispatch(target, make) {
      const event = make(window);
      target.dispatchEvent(event);
      rethrow();
      return event;
    },
    setBox(element, box) {
      const left = box.left ?? 0;
      const top = box.top ?? 0;
      const rect = { x: left, y: top, left, top, width: box.width, height: box.height, right: left + box.width, bottom: top + box.height };
      Object.defineProperty(element, 'getBoundingClientRect', { value: () => ({ ...rect, toJSON: () => rect }), configurable: true });
    },
    close,
  };
  current = webview;
  try {
    await freshBundle().runScript(script);
    rethrow();
  } catch (error) {
    close();
    throw error;
  }
  return webview;
}
