import type { OffsetRange } from '../findings';

/** Thrown when a range cannot simply move: the caller lints in full instead. */
export class RangeTouchesEdit extends Error {}

/**
 * Moves a range past an edit that replaced the text of [start, end) (one literal) and changed its
 * length by `delta`: ranges before stay, ranges after move, ranges around it grow. A range inside
 * or across it, or an edit (`newText`) around it, may carry the old text: refused.
 */
export function movedRange<T extends OffsetRange>(range: T, start: number, end: number, delta: number): T {
  const rangeEnd = range.offset + range.length;
  if (rangeEnd <= start) return range;
  if (range.offset >= end) return { ...range, offset: range.offset + delta };
  const isEdit = typeof (range as { newText?: unknown }).newText === 'string';
  if (range.offset <= start && rangeEnd >= end && !(isEdit && (range as { newText?: string }).newText !== '')) return { ...range, length: range.length + delta };
  throw new RangeTouchesEdit();
}

function isRange(value: object): value is OffsetRange {
  return typeof (value as OffsetRange).offset === 'number' && typeof (value as OffsetRange).length === 'number';
}

/**
 * A copy of plain data (findings, analyses) with every range in it moved (see movedRange); what
 * was shared stays shared. Keys in `skip` are left out (the caller sets them).
 */
export function withMovedRanges<T>(value: T, start: number, end: number, delta: number, skip: ReadonlySet<string> = new Set()): T {
  const copies = new Map<object, unknown>();
  const visit = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null) return item;
    const done = copies.get(item);
    if (done !== undefined) return done;
    let result: unknown;
    if (Array.isArray(item)) {
      // Paths (strings and numbers only) carry no offsets.
      result = item.every((x) => typeof x !== 'object' || x === null) ? item : item.map(visit);
    } else {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(item)) {
        if (!skip.has(key)) copy[key] = visit((item as Record<string, unknown>)[key]);
      }
      result = isRange(copy) ? movedRange(copy, start, end, delta) : copy;
    }
    copies.set(item, result);
    return result;
  };
  return visit(value) as T;
}
