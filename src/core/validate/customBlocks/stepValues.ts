import { getNodeValue } from 'jsonc-parser';
import type { BlockSpec, FieldSpec } from '../../catalog/types';
import type { Finding } from '../../findings';
import type { WorkflowStep } from '../../model/workflow';
import { properties, rangeOf } from '../../parse/tree';
import { looksLikeSelector } from '../../selectors';
import { convertedValueFinding } from '../convertedValues';
import { describeAccepted, describeValue } from '../messages';

/**
 * Values of a custom block's step against the manifest its definition builds (there is no
 * precompiled schema for it): the value types it declares, with Pydantic's lax conversions, or
 * `null` where the input is optional. Selectors are judged with every other selector.
 */

/** Whether `value` is of the declared literal type; never called with `null` (`accepts` answers for it). */
function literalAccepts(type: string, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return false;
  }
}

function accepts(field: FieldSpec, value: unknown): boolean {
  if (value === null) return field.nullable || field.literalTypes.includes('any');
  return field.literalTypes.some((type) => literalAccepts(type, value));
}

export function customStepValueFindings(step: WorkflowStep, block: BlockSpec, field: (name: string) => FieldSpec | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const p of properties(step.node)) {
    const spec = field(p.key);
    if (!spec || !p.value) continue;
    const value = getNodeValue(p.value);
    if (looksLikeSelector(value) && spec.selectorTargets.length) continue;
    if (accepts(spec, value)) continue;
    const where = `\`${p.key}\` of ${block.humanName} step \`${step.name ?? '?'}\``;
    const converted = convertedValueFinding(where, value, spec.literalTypes, p.value, (c) => !accepts(spec, c));
    findings.push(converted ?? { code: 'invalid-value', severity: 'error', message: `${where} takes ${describeAccepted(spec)}, not ${describeValue(value)}.`, range: rangeOf(p.value) });
  }
  return findings;
}
