import { parseTree, type Node } from 'jsonc-parser';
import type { Catalog } from '../src/core/catalog/catalog';
import { LintSession } from '../src/core/incremental/lintSession';

/** Where to type in a document: inside one literal field of a step near the middle. */
export interface TypingSpot {
  /** Offset where characters are inserted. */
  at: number;
  /** First character each typist types (each has its own, so their texts never coincide). */
  seeds: string;
  where: string;
}

function* literalSpots(step: Node, index: number): Generator<TypingSpot> {
  for (const property of step.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!value || key.value === 'name' || key.value === 'type') continue;
    // A fraction keeps its range when digits are appended (0.5 → 0.51 → 0.512…).
    if (value.type === 'number' && value.value > 0 && value.value < 1) yield { at: value.offset + value.length, seeds: '123456789', where: `\`${key.value}\` (${value.value}) of step ${index}` };
    if (value.type === 'string' && !String(value.value).includes('$') && !String(value.value).includes('/')) yield { at: value.offset + value.length - 1, seeds: 'abcdefghi', where: `\`${key.value}\` ("${value.value}") of step ${index}` };
  }
}

/**
 * The first literal field, from the middle step on (then from the first), where a one-character edit takes the
 * incremental path (the benchmark measures that path, so it checks it is the one taken).
 */
export function typingSpot(text: string, catalog: Catalog): TypingSpot {
  const steps = parseTree(text)?.children?.find((p) => p.children?.[0].value === 'steps')?.children?.[1]?.children ?? [];
  for (let k = 0; k < steps.length; k++) {
    const i = ((steps.length >> 1) + k) % steps.length;
    for (const spot of literalSpots(steps[i], i)) {
      const session = new LintSession();
      session.lint(text, catalog);
      session.lint(text.slice(0, spot.at) + spot.seeds[0] + text.slice(spot.at), catalog);
      if (session.lastPath === 'incremental') return spot;
    }
  }
  throw new Error('no literal field where an edit is re-linted incrementally');
}

/** A typist: each call returns the document with one more character typed at the spot. */
export function typist(text: string, spot: TypingSpot, seed: number): () => string {
  let typed = spot.seeds[seed % spot.seeds.length];
  const digits = spot.seeds;
  let n = 0;
  return () => {
    typed += digits[n++ % digits.length];
    return text.slice(0, spot.at) + typed + text.slice(spot.at);
  };
}
