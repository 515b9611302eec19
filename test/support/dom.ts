import { JSDOM } from 'jsdom';

/**
 * A browser DOM (jsdom) for the webview's rendering code, installed as globals for one describe
 * block only: call `useDom()` inside `describe`; it installs `window`, `document` and the DOM
 * classes in `before` and puts back whatever was there in `after`, so other suites still run in a
 * plain Node. `dom.window` is the current window (a fresh one per describe block).
 */

/** The globals src/webview reads at run time (types alone need nothing). */
const GLOBALS = ['window', 'document', 'Node', 'Element', 'HTMLElement', 'SVGElement', 'Event', 'MouseEvent', 'getComputedStyle', 'CSS'] as const;

/** `CSS.escape` as the CSSOM spec defines it: jsdom has no `CSS` object, a webview does (dom.ts's rerender uses it). */
export function cssEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const char = value.charAt(i);
    if (code === 0) out += '\uFFFD';
    else if ((code >= 0x1 && code <= 0x1f) || code === 0x7f || (i === 0 && code >= 0x30 && code <= 0x39) || (i === 1 && code >= 0x30 && code <= 0x39 && value.charCodeAt(0) === 0x2d)) out += `\\${code.toString(16)} `;
    else if (i === 0 && value.length === 1 && code === 0x2d) out += `\\${char}`;
    else if (code >= 0x80 || code === 0x2d || code === 0x5f || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) out += char;
    else out += `\\${char}`;
  }
  return out;
}

export interface DomHandle {
  /** The window of the current describe block (throws outside it). */
  readonly window: JSDOM['window'];
}

export function useDom(): DomHandle {
  let dom: JSDOM | undefined;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  before(() => {
    dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: false });
    const w = dom.window;
    const values: Record<(typeof GLOBALS)[number], unknown> = {
      window: w,
      document: w.document,
      Node: w.Node,
      Element: w.Element,
      HTMLElement: w.HTMLElement,
      SVGElement: w.SVGElement,
      Event: w.Event,
      MouseEvent: w.MouseEvent,
      getComputedStyle: w.getComputedStyle.bind(w),
      CSS: (w as unknown as { CSS?: unknown }).CSS ?? { escape: cssEscape },
    };
    for (const name of GLOBALS) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      Object.defineProperty(globalThis, name, { value: values[name], configurable: true, writable: true, enumerable: false });
    }
  });
  after(() => {
    for (const name of GLOBALS) {
      const descriptor = saved.get(name);
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
    saved.clear();
    dom?.window.close();
    dom = undefined;
  });
  return {
    get window() {
      if (!dom) throw new Error('useDom(): the DOM exists only inside the describe block that called it');
      return dom.window;
    },
  };
}
