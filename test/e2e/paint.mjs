// What a reader sees in a webview: colours, contrast, and when a drawing has been painted.
import assert from 'node:assert/strict';

/** [r, g, b, alpha] of a CSS colour: `rgb(…)`, `rgba(…)` or `#rrggbb`. */
function channels(color) {
  const hex = /^\s*#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  if (hex) return [...hex.slice(1, 4).map((h) => parseInt(h, 16)), 1];
  const numbers = (color.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
  assert.ok(numbers.length >= 3, `a colour: ${color}`);
  return [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
}

/** Relative luminance (0 dark … 1 light) of `color`, laid over the opaque `under` when it is translucent. */
export function luminance(color, under = 'rgb(0, 0, 0)') {
  const [r0, g0, b0, alpha] = channels(color);
  const [r1, g1, b1] = channels(under);
  const [r, g, b] = [
    [r0, r1],
    [g0, g1],
    [b0, b1],
  ].map(([top, bottom]) => {
    const v = (top * alpha + bottom * (1 - alpha)) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1 … 21) of `text` on `background`, both over the page's opaque `page` colour. */
export function contrastRatio(text, background, page) {
  const backgroundLuminance = luminance(background, page);
  const [hi, lo] = [luminance(text, background), backgroundLuminance].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}

/** Two animation frames in the webview: what was just drawn, scrolled or laid out has been painted. */
export function settled(frame) {
  return frame.locator('body').evaluate(() => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));
}
