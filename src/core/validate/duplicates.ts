import type { Node } from 'jsonc-parser';
import { duplicateKeys } from '../parse/duplicateKeys';
import { rangeOf } from '../parse/tree';
import type { ValidationContext } from './context';

interface Named {
  name?: string;
  nameNode?: Node;
}

const SECTION_WORDS = { inputs: 'input', steps: 'step', outputs: 'output' } as const;

/** Names must be unique per section (the engine's DuplicatedNameError); the first one wins. */
export function checkDuplicates(ctx: ValidationContext): void {
  check(ctx, 'inputs', ctx.model.inputs);
  check(ctx, 'steps', ctx.model.steps);
  check(ctx, 'outputs', ctx.model.outputs);
}

function check(ctx: ValidationContext, section: keyof typeof SECTION_WORDS, items: Named[]): Map<string, Named> {
  const first = new Map<string, Named>();
  const word = SECTION_WORDS[section];
  for (const item of items) {
    if (item.name === undefined || !item.nameNode) continue;
    const earlier = first.get(item.name);
    if (!earlier) {
      first.set(item.name, item);
      continue;
    }
    ctx.findings.push({
      code: 'duplicate-name',
      severity: 'error',
      message: `Another ${word} is already named \`${item.name}\`: ${word} names must be unique within \`${section}\`. Rename one of them.`,
      range: rangeOf(item.nameNode),
      related: [{ message: `First ${word} named \`${item.name}\``, range: rangeOf(earlier.nameNode!) }],
    });
  }
  return first;
}

/** A key written twice in one object: the server reads the last copy, these checks the first. */
export function checkDuplicateKeys(ctx: ValidationContext): void {
  for (const duplicate of duplicateKeys(ctx.model.root)) {
    ctx.findings.push({
      code: 'duplicate-key',
      severity: 'warning',
      message: `\`${duplicate.key}\` is written more than once in this object: the server reads only the last one, and the checks here may read this one. Remove the extra copy.`,
      range: rangeOf(duplicate.ignored),
      related: [{ message: `The \`${duplicate.key}\` the server reads`, range: rangeOf(duplicate.kept) }],
    });
  }
}
