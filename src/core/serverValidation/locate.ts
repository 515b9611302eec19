import type { Node } from 'jsonc-parser';
import type { OffsetRange } from '../findings';
import { firstByName, type WorkflowModel, type WorkflowStep } from '../model/workflow';
import { properties, rangeOf } from '../parse/tree';
import type { BlockError, ServerFailure } from '../server/types';

/**
 * Places the server's compile errors on the definition, as narrowly as the answer allows:
 * `blocks_errors[].block_id` names a step (its `name` value is marked) and `property_name` one of
 * its properties (that property is marked); `$outputs` with an output name marks that output's
 * selector (the output, when it has none). Anything else goes on the top of the document.
 */

export interface ServerFinding {
  /** The server's `error_type`. */
  code: string;
  message: string;
  range: OffsetRange;
}

/** The opening brace: "the workflow as a whole". */
function topOf(model: WorkflowModel | undefined): OffsetRange {
  return { offset: model?.root.offset ?? 0, length: 1 };
}

/** A scalar value says what is wrong (a reference, a number); a large object or list is better
 * pointed at by its key. */
function propertyRange(step: WorkflowStep, propertyName: string): OffsetRange | undefined {
  const names = new Set([propertyName]);
  const field = step.block?.fields.find((f) => f.name === propertyName || f.aliases?.includes(propertyName));
  if (field) {
    names.add(field.name);
    field.aliases?.forEach((alias) => names.add(alias));
  }
  const entry = properties(step.node).find((p) => names.has(p.key));
  if (!entry) return undefined;
  const scalar = entry.value && entry.value.type !== 'object' && entry.value.type !== 'array';
  return rangeOf(scalar ? (entry.value as Node) : entry.keyNode);
}

function blockErrorRange(error: BlockError, model: WorkflowModel | undefined): OffsetRange {
  if (!model || error.blockId === null) return topOf(model);
  if (error.blockId === '$outputs') {
    const output = model.outputs.find((o) => o.name === error.propertyName);
    // An output without a selector is marked whole.
    return output ? rangeOf(output.selectorNode ?? output.node) : topOf(model);
  }
  const step = firstByName(model.steps).get(error.blockId);
  if (!step) return topOf(model);
  const property = error.propertyName ? propertyRange(step, error.propertyName) : undefined;
  return property ?? rangeOf(step.nameNode ?? step.node);
}

function joined(...parts: (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (text && !kept.some((k) => k.includes(text))) kept.push(text);
  }
  return kept.join(' — ');
}

function blockErrorMessage(error: BlockError, failure: ServerFailure): string {
  const where = error.propertyName ? `\`${error.propertyName}\`: ` : '';
  const details = error.details ? `${where}${error.details}` : undefined;
  return joined(failure.serverMessage, details) || `The server rejected this workflow (${failure.errorType}).`;
}

/** One finding per block error, or one for the whole workflow when the answer names none. */
export function locateServerErrors(failure: ServerFailure & { errorType: string }, model: WorkflowModel | undefined): ServerFinding[] {
  if (failure.blockErrors.length === 0) {
    return [{ code: failure.errorType, message: joined(failure.serverMessage, failure.innerMessage) || `The server rejected this workflow (${failure.errorType}).`, range: topOf(model) }];
  }
  return failure.blockErrors.map((error) => ({ code: failure.errorType, message: blockErrorMessage(error, failure), range: blockErrorRange(error, model) }));
}
