/** Tiny DOM builders. Text always goes in as text nodes (never innerHTML), so server strings
 * cannot become markup; attributes go through setAttribute (no inline `style`: the CSP forbids it). */

type Child = Node | string | number | false | null | undefined | Child[];
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

function applyAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'style') throw new Error('inline styles are not allowed by the CSP; use a class');
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A button; `key` identifies it across re-renders (focus is restored to it). */
export function button(label: Child, onClick: () => void, options: { key?: string; kind?: 'primary' | 'secondary' | 'link'; disabled?: boolean; title?: string; ariaLabel?: string } = {}): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: `btn ${options.kind ?? 'secondary'}`,
      'data-key': options.key,
      disabled: options.disabled,
      title: options.title,
      'aria-label': options.ariaLabel,
      onclick: () => onClick(),
    },
    label,
  );
}

/** Re-renders `render()` into `container`, keeping keyboard focus and open <details> by `data-key`. */
export function rerender(container: Element, render: () => Child): void {
  const active = document.activeElement as HTMLElement | null;
  const focusKey = active && container.contains(active) ? active.dataset.key : undefined;
  const open = new Set<string>();
  const closed = new Set<string>();
  for (const details of Array.from(container.querySelectorAll<HTMLDetailsElement>('details[data-key]'))) (details.open ? open : closed).add(details.dataset.key!);
  replaceChildren(container, render());
  for (const details of Array.from(container.querySelectorAll<HTMLDetailsElement>('details[data-key]'))) {
    if (open.has(details.dataset.key!)) details.open = true;
    else if (closed.has(details.dataset.key!)) details.open = false;
  }
  if (focusKey) container.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
}
