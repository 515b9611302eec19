import { getNodeValue } from 'jsonc-parser';
import type { BlockSpec } from '../catalog/types';
import type { Finding } from '../findings';
import type { WorkflowStep } from '../model/workflow';
import { properties, rangeOf } from '../parse/tree';
import rules from './data/block-rules.json';
import { laxConversions } from './laxValues';
import { ownValue } from '../ownProperties';

/**
 * Bounds of numeric fields (a confidence from 0 to 1, a history above 0), which the catalog's field
 * types leave out: data/block-rules.json has them from the engine's own schemas. A number the engine
 * would convert from text or a boolean is held to them too.
 */

interface Bound {
  type: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const BOUNDS: Record<string, Record<string, Bound[]> | undefined> = rules.numericBounds;

/** A number of the alternative's type (a fraction is the schema's business, not the bounds'). */
const typed = (value: number, bound: Bound) => bound.type !== 'integer' || Number.isInteger(value);

function within(value: number, bound: Bound): boolean {
  return (
    (bound.minimum === undefined || value >= bound.minimum) &&
    (bound.maximum === undefined || value <= bound.maximum) &&
    (bound.exclusiveMinimum === undefined || value > bound.exclusiveMinimum) &&
    (bound.exclusiveMaximum === undefined || value < bound.exclusiveMaximum)
  );
}

function describe(bound: Bound): string {
  const parts = [
    bound.minimum !== undefined ? `at least ${bound.minimum}` : '',
    bound.exclusiveMinimum !== undefined ? `above ${bound.exclusiveMinimum}` : '',
    bound.maximum !== undefined ? `at most ${bound.maximum}` : '',
    bound.exclusiveMaximum !== undefined ? `below ${bound.exclusiveMaximum}` : '',
  ].filter(Boolean);
  return `${bound.type === 'integer' ? 'an integer' : 'a number'} ${parts.join(' and ')}`;
}

export function numericBoundFindings(step: WorkflowStep, block: BlockSpec, field: (property: string) => string | undefined): Finding[] {
  const byField = ownValue(BOUNDS, block.type);
  if (!byField) return [];
  const findings: Finding[] = [];
  for (const p of properties(step.node)) {
    const name = field(p.key);
    const bounds = name === undefined ? undefined : ownValue(byField, name);
    if (!bounds || !p.value) continue;
    const value = getNodeValue(p.value);
    // Text the engine reads as a number counts as that number (a selector never reads as one).
    const number = typeof value === 'number' ? value : laxConversions(value, ['number'])[0]?.value;
    if (typeof number !== 'number' || !bounds.some((b) => typed(number, b)) || bounds.some((b) => typed(number, b) && within(number, b))) continue;
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `\`${p.key}\` of ${block.humanName} step \`${step.name ?? '?'}\` takes ${bounds.map(describe).join(', or ')}, not ${JSON.stringify(value)}.`,
      range: rangeOf(p.value),
    });
  }
  return findings;
}
