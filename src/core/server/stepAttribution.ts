import type { BlockError } from './types';

/**
 * The real server names a custom Python block's failure (`DynamicBlockCodeError`) by the block's
 * TYPE where a step name belongs (`block_id = manifest.block_type`). Put the step back: when a
 * `block_id` is not a step of the definition but exactly one step has that type, the error is that
 * step's, and the id the server gave becomes its `blockType`.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stepsOf(specification: unknown): { names: Set<string>; namesByType: Map<string, string[]> } {
  const names = new Set<string>();
  const namesByType = new Map<string, string[]>();
  const steps = isRecord(specification) && Array.isArray(specification.steps) ? specification.steps : [];
  for (const step of steps) {
    if (!isRecord(step) || typeof step.name !== 'string') continue;
    names.add(step.name);
    if (typeof step.type !== 'string') continue;
    const sameType = namesByType.get(step.type) ?? [];
    sameType.push(step.name);
    namesByType.set(step.type, sameType);
  }
  return { names, namesByType };
}

export function attributeBlockErrorsToSteps(errors: BlockError[], specification: unknown): BlockError[] {
  if (errors.length === 0) return errors;
  const { names, namesByType } = stepsOf(specification);
  return errors.map((error) => {
    if (error.blockId === null || names.has(error.blockId)) return error;
    const candidates = namesByType.get(error.blockId);
    if (candidates?.length !== 1) return error;
    return { ...error, blockId: candidates[0], blockType: error.blockType ?? error.blockId };
  });
}
