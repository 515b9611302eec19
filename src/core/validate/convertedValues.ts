import type { Node } from 'jsonc-parser';
import type { Finding } from '../findings';
import { rangeOf } from '../parse/tree';
import { describeValue } from './messages';
import { laxConversions } from './laxValues';

/**
 * A value of the wrong JSON type that the engine converts (Pydantic's lax mode) and that is valid
 * once converted: a warning with the written-out value as the fix, never an error, because the
 * server compiles it. `stillFails(converted)` re-checks the value as converted.
 */
export function convertedValueFinding(where: string, value: unknown, types: readonly string[], node: Node, stillFails: (converted: unknown) => boolean): Finding | undefined {
  const converted = laxConversions(value, types).find((c) => !stillFails(c.value));
  return converted && conversionFinding(where, value, converted.value, node);
}

/** The warning for `value`, written at `node`, which the server reads as `converted`. */
export function conversionFinding(where: string, value: unknown, converted: number | boolean, node: Node): Finding {
  const written = JSON.stringify(converted);
  const finite = typeof converted === 'boolean' || Number.isFinite(converted);
  return {
    code: 'value-converted',
    severity: 'warning',
    message: `${where} is ${describeValue(value)}; the server converts it to ${finite ? written : String(converted)}. Write ${finite ? written : 'the number'} itself, so the file says what runs.`,
    range: rangeOf(node),
    fixes: finite ? [{ title: `Change to ${written}`, edits: [{ offset: node.offset, length: node.length, newText: written }] }] : undefined,
  };
}
