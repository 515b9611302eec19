import type { TextEdit } from '../findings';

const BLOCK = 4096;

/**
 * The one edit that turns `before` into `after` (their differing middle), as diffEdit finds it,
 * but comparing whole blocks first: a keystroke in a 500 KB document costs a few memory compares,
 * not a million character reads.
 */
export function changedRegion(before: string, after: string): TextEdit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= max && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  const room = max - start;
  while (end + BLOCK <= room && before.slice(before.length - end - BLOCK, before.length - end) === after.slice(after.length - end - BLOCK, after.length - end)) end += BLOCK;
  while (end < room && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}
