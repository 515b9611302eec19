import assert from 'node:assert/strict';
import { button, h, replaceChildren, rerender, s } from '../../src/webview/dom';
import { useDom } from '../support/dom';

describe('preview DOM builders', () => {
  const dom = useDom();

  it('puts text in as text, never as markup', () => {
    const p = h('p', {}, '<img src=x onerror=alert(1)>');
    assert.equal(p.children.length, 0);
    assert.equal(p.textContent, '<img src=x onerror=alert(1)>');
  });

  it('flattens nested children, shows numbers including 0, and skips false, null and undefined', () => {
    const p = h('p', {}, 'a', ['b', ['c', 0]], false, null, undefined, 7, h('em', {}, 'd'));
    assert.equal(p.textContent, 'abc07d');
    assert.equal(p.querySelector('em')?.textContent, 'd');
  });

  it('writes attributes: true as present, false and undefined as absent, numbers as text', () => {
    const input = h('input', { type: 'checkbox', checked: true, disabled: false, title: undefined, tabindex: 0, 'data-key': 'k' });
    assert.equal(input.getAttribute('checked'), '');
    assert.equal(input.hasAttribute('disabled'), false);
    assert.equal(input.hasAttribute('title'), false);
    assert.equal(input.getAttribute('tabindex'), '0');
    assert.equal(input.dataset.key, 'k');
  });

  it('refuses inline styles, which the webview\'s CSP would block', () => {
    assert.throws(() => h('div', { style: 'color: red' }), /inline styles are not allowed/);
  });

  it('wires on… functions as event listeners, not attributes', () => {
    let clicks = 0;
    const div = h('div', { onClick: () => clicks++ });
    assert.equal(div.hasAttribute('onClick'), false);
    div.dispatchEvent(new dom.window.MouseEvent('click'));
    assert.equal(clicks, 1);
  });

  it('wires a function under a plain event name to that very event (only a leading "on" is dropped)', () => {
    let ends = 0;
    const div = h('div', { transitionend: () => ends++ });
    div.dispatchEvent(new dom.window.Event('transitionend'));
    assert.equal(ends, 1);
  });

  it('makes SVG elements in the SVG namespace', () => {
    const svg = s('svg', { viewBox: '0 0 2 1' }, s('rect', { x: 1 }));
    assert.equal(svg.namespaceURI, 'http://www.w3.org/2000/svg');
    assert.equal(svg.firstElementChild?.namespaceURI, 'http://www.w3.org/2000/svg');
    assert.equal(svg.getAttribute('viewBox'), '0 0 2 1');
  });

  it('replaces all children', () => {
    const div = h('div', {}, 'old', h('span', {}, 'old'));
    replaceChildren(div, 'new', h('b', {}, '!'));
    assert.equal(div.textContent, 'new!');
    assert.equal(div.querySelector('span'), null);
  });
});

describe('preview DOM builders: buttons', () => {
  useDom();

  it('is a plain button (never a form submit), secondary unless told, labelled and keyed', () => {
    const b = button('Run', () => undefined, { key: 'run', kind: 'primary', title: 'Run the workflow', ariaLabel: 'Run now' });
    assert.equal(b.getAttribute('type'), 'button');
    assert.equal(b.getAttribute('class'), 'btn primary');
    assert.equal(b.textContent, 'Run');
    assert.equal(b.dataset.key, 'run');
    assert.equal(b.getAttribute('title'), 'Run the workflow');
    assert.equal(b.getAttribute('aria-label'), 'Run now');
    assert.equal(button('x', () => undefined).getAttribute('class'), 'btn secondary');
  });

  it('calls its action when clicked, and not when disabled', () => {
    let runs = 0;
    button('Run', () => runs++).click();
    assert.equal(runs, 1);
    const disabled = button('Run', () => runs++, { disabled: true });
    assert.equal(disabled.disabled, true);
    disabled.click();
    assert.equal(runs, 1);
  });
});

describe('preview DOM builders: re-rendering', () => {
  const dom = useDom();

  function mount(): HTMLElement {
    const container = h('div');
    dom.window.document.body.replaceChildren(container);
    return container;
  }

  it('gives keyboard focus back to the button with the same key', () => {
    const container = mount();
    const render = () => [button('A', () => undefined, { key: 'a' }), button('B', () => undefined, { key: 'copy:out:0:"odd" name' })];
    rerender(container, render);
    container.querySelectorAll('button')[1].focus();
    const before = dom.window.document.activeElement;
    rerender(container, render);
    const after = dom.window.document.activeElement as HTMLElement | null;
    assert.notEqual(after, before, 'a new element…');
    assert.equal(after?.dataset.key, 'copy:out:0:"odd" name', '…with the same key has focus');
  });

  it('leaves focus alone when it was outside the container', () => {
    const container = mount();
    const outside = h('button', { 'data-key': 'a' });
    dom.window.document.body.append(outside);
    rerender(container, () => button('A', () => undefined, { key: 'a' }));
    outside.focus();
    rerender(container, () => button('A', () => undefined, { key: 'a' }));
    assert.equal(dom.window.document.activeElement, outside);
  });

  it('keeps folds the user opened open, and the ones they closed closed', () => {
    const container = mount();
    const render = () => [h('details', { 'data-key': 'opened' }, h('summary', {}, 'a')), h('details', { 'data-key': 'closed', open: true }, h('summary', {}, 'b')), h('details', { 'data-key': 'fresh', open: true })];
    rerender(container, () => render().slice(0, 2));
    const [opened, closed] = Array.from(container.querySelectorAll('details'));
    opened.open = true;
    closed.open = false;
    rerender(container, render);
    assert.deepEqual(Array.from(container.querySelectorAll('details')).map((d) => [d.dataset.key, d.open]), [['opened', true], ['closed', false], ['fresh', true]]);
  });
});
