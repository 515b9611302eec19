import { h } from './dom';

/** A collapsible JSON tree built from native <details>/<summary> (keyboard and screen-reader
 * friendly without any script). Long strings and long lists are cut; "Copy as JSON" gives all. */

const MAX_STRING = 240;
const MAX_CHILDREN = 100;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function scalar(value: unknown): HTMLElement {
  switch (typeof value) {
    case 'string': {
      if (value.length <= MAX_STRING) return h('span', { class: 'json-string' }, JSON.stringify(value));
      // Never between the two halves of an emoji (a surrogate pair), which would show as `\ud83d`.
      const end = isHighSurrogate(value.charCodeAt(MAX_STRING - 1)) ? MAX_STRING - 1 : MAX_STRING;
      return h('span', { class: 'json-string', title: `${value.length} characters` }, JSON.stringify(value.slice(0, end)), h('span', { class: 'muted' }, ` … ${value.length - end} more characters`));
    }
    case 'number':
      return h('span', { class: 'json-number' }, String(value));
    case 'boolean':
      return h('span', { class: 'json-boolean' }, String(value));
    default: // null (typeof 'object'), and undefined, which JSON cannot hold
      return h('span', { class: 'json-null' }, String(value));
  }
}

function keyLabel(key: string | number | undefined): (HTMLElement | string)[] {
  if (key === undefined) return [];
  return [h('span', { class: typeof key === 'number' ? 'json-index' : 'json-key' }, JSON.stringify(key)), ': '];
}

function node(value: unknown, key: string | number | undefined, depth: number, path: string): HTMLElement {
  if (value === null || typeof value !== 'object') return h('li', {}, ...keyLabel(key), scalar(value));
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return h('li', {}, ...keyLabel(key), h('span', { class: 'json-punct' }, brackets.join('')));
  const shown = entries.slice(0, MAX_CHILDREN);
  const count = Array.isArray(value) ? `${entries.length} item${entries.length === 1 ? '' : 's'}` : `${entries.length} key${entries.length === 1 ? '' : 's'}`;
  return h(
    'li',
    {},
    h(
      'details',
      { open: depth < 1, 'data-key': `json:${path}` },
      h('summary', {}, ...keyLabel(key), h('span', { class: 'json-punct' }, brackets[0]), h('span', { class: 'muted' }, ` ${count} `), h('span', { class: 'json-punct' }, brackets[1])),
      h(
        'ul',
        { class: 'json-children' },
        shown.map(([k, v]) => node(v, k, depth + 1, `${path}/${k}`)),
        entries.length > shown.length && h('li', { class: 'muted' }, `… ${entries.length - shown.length} more`),
      ),
    ),
  );
}

/** `path` keeps open/closed state across re-renders. */
export function jsonTree(value: unknown, path: string): HTMLElement {
  return h('ul', { class: 'json-tree' }, node(value, undefined, 0, path));
}
