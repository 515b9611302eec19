import type { Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { BlockSpec, OutputSpec } from '../catalog/types';
import type { WorkflowStep } from '../model/workflow';
import { properties, stringValue, valueNode } from '../parse/tree';
import { looksLikeSelector } from '../selectors';
import rules from './data/block-rules.json';
import { ownValue } from '../ownProperties';

/**
 * Outputs of blocks whose manifest computes them per step (get_actual_outputs), which the engine
 * checks references against: from the task (data/block-rules.json, asked of the engine), or from
 * the step's own configuration, as the blocks' code does. Undefined when they depend on a value
 * known only at run time (a selector) or on what no rule here covers (an inner workflow).
 */

const TASK_OUTPUTS: Record<string, Record<string, OutputSpec[]> | undefined> = rules.taskOutputs;

type Rule = (step: Node, block: BlockSpec) => OutputSpec[] | undefined;

/** The block's fixed outputs (the catalog lists them next to `*`). */
const fixed = (block: BlockSpec) => block.outputs.filter((o) => o.name !== '*');

/** Names from a property: the keys of an object, the strings of a list; undefined for a selector. */
function namesIn(step: Node, property: string, from: 'keys' | 'items'): string[] | undefined {
  const node = valueNode(step, property);
  if (looksLikeSelector(node?.value)) return undefined;
  // properties() lists nothing but an object's; of any node's children only a list's items are strings.
  if (from === 'keys') return properties(node).map((p) => p.key);
  return (node?.children ?? []).map((c) => stringValue(c)).filter((s): s is string => s !== undefined);
}

const fixedPlus =
  (property: string, from: 'keys' | 'items', kinds: string[], rename = (name: string) => name): Rule =>
  (step, block) => {
    const names = namesIn(step, property, from);
    return names && [...fixed(block), ...names.map((name) => ({ name: rename(name), kinds }))];
  };

// Each as the block's get_actual_outputs() writes it (roboflow_workflows/core_steps/…).
const CONFIGURED: Record<string, Rule> = {
  'roboflow_core/json_parser@v1': fixedPlus('expected_fields', 'items', ['*']),
  'roboflow_core/environment_secrets_store@v1': fixedPlus('variables_storing_secrets', 'items', ['secret'], (name) => name.toLowerCase()),
  'roboflow_core/lmm@v1': fixedPlus('json_output', 'keys', ['*']),
  'roboflow_core/cog_vlm@v1': fixedPlus('json_output_format', 'keys', ['*']),
  'roboflow_core/open_ai@v1': fixedPlus('json_output_format', 'keys', ['*']),
  'roboflow_core/data_aggregator@v1': (step) => {
    const variables = namesIn(step, 'data', 'keys');
    const modes = valueNode(step, 'aggregation_mode');
    if (!variables || looksLikeSelector(modes?.value)) return undefined;
    return variables.flatMap((variable) =>
      (valueNode(modes, variable)?.children ?? []).flatMap((mode) => {
        const name = stringValue(mode);
        if (name === undefined) return [];
        const kinds = name === 'distinct' ? ['list_of_values'] : name === 'values_counts' ? ['dictionary'] : ['float', 'integer'];
        return [{ name: `${variable}_${name}`, kinds }];
      }),
    );
  },
};

export function computedOutputs(step: WorkflowStep, block: BlockSpec, catalog: Catalog): OutputSpec[] | undefined {
  const byTask = ownValue(TASK_OUTPUTS, block.type);
  if (byTask) {
    const taskNode = valueNode(step.node, 'task_type');
    const task = taskNode ? stringValue(taskNode) : (catalog.field(block, 'task_type')?.default as string | undefined);
    return task === undefined ? undefined : ownValue(byTask, task);
  }
  return ownValue(CONFIGURED, block.type)?.(step.node, block);
}
