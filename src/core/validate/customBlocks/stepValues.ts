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

/**
 * The engine checks a block's input offsets at each of its steps (verify_step_input_dimensionality_offsets):
 * its definition model allows -1, but a negative offset fails every step, whatever it is given.
 */
function negativeOffsetFinding(step: WorkflowStep, block: BlockSpec): Finding | undefined {
  const negative = Object.entries(block.dimensionality?.inputOffsets ?? {}).find(([, offset]) => offset < 0);
  if (!negative) return undefined;
  return {
    code: 'dimensionality-mismatch',
    severity: 'error',
    message: `${block.humanName} declares \`dimensionality_offset\` ${negative[1]} for \`${negative[0]}\`, and the server refuses every step of a block with a negative input offset, so step \`${step.name ?? '?'}\` cannot run. Use 0 or 1.`,
    range: rangeOf(step.typeNode ?? step.node),
  };
}

export function customStepValueFindings(step: WorkflowStep, block: BlockSpec, field: (name: string) => FieldSpec | undefined): Finding[] {
  const negativeOffset = negativeOffsetFinding(step, block);
  const findings: Finding[] = negativeOffset ? [negativeOffset] : [];
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
