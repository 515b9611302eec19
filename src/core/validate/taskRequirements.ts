import type { Node } from 'jsonc-parser';
import type { Finding } from '../findings';
import { rangeOf, stringValue, valueNode } from '../parse/tree';
import type { ValidationContext } from './context';
import rules from './data/block-rules.json';
import { quoteList } from './messages';
import { ownValue } from '../ownProperties';

/**
 * Fields a block requires only for some tasks (`prompt` for "visual-question-answering", `classes`
 * for "object-detection"): the engine checks them in the block's model validator, which JSON Schema
 * cannot express. data/block-rules.json is asked of the engine (engine/block_rules.py)
 * and kept true by the engine tests.
 */
const REQUIREMENTS: Record<string, Record<string, string[]> | undefined> = rules.taskRequirements;
/** Fields whose block checks them for truthiness: an empty list, object or string is as good as none. */
const EMPTY_MEANS_MISSING: Record<string, string[] | undefined> = rules.emptyMeansMissing;

function isEmpty(value: Node): boolean {
  return value.type === 'array' || value.type === 'object' ? !value.children?.length : value.value === '';
}

export function checkTaskRequirements(ctx: ValidationContext): void {
  for (const step of ctx.model.steps) {
    const block = step.block;
    const byTask = block && ownValue(REQUIREMENTS, block.type);
    if (!byTask || step.node.type !== 'object') continue;
    const taskNode = valueNode(step.node, 'task_type');
    // A task chosen by a selector is known only at run time; the block validates only its literal.
    const task = taskNode ? stringValue(taskNode) : (ctx.catalog.field(block, 'task_type')?.default as string | undefined);
    const needed = task === undefined ? [] : (ownValue(byTask, task) ?? []);
    const missing = needed.filter((name) => {
      const value = valueNode(step.node, name);
      return !value || value.type === 'null' || (ownValue(EMPTY_MEANS_MISSING, block.type)?.includes(name) && isEmpty(value));
    });
    if (!missing.length) continue;
    ctx.findings.push(taskFinding(step.name, task!, missing, rangeOf(taskNode ?? step.typeNode ?? step.node), !taskNode));
  }
}

function taskFinding(name: string | undefined, task: string, missing: string[], range: Finding['range'], byDefault: boolean): Finding {
  return {
    code: 'missing-required-field',
    severity: 'error',
    message: `Step \`${name ?? '?'}\` runs task "${task}"${byDefault ? ' (the default)' : ''}, which needs ${missing.length === 1 ? 'field' : 'fields'} ${quoteList(missing)}: the server refuses the step without ${missing.length === 1 ? 'it' : 'them'}. Add ${quoteList(missing)}, or choose another task.`,
    range,
  };
}
