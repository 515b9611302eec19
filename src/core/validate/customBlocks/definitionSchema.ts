import type { Node } from 'jsonc-parser';
import { getNodeValue } from 'jsonc-parser';
import { laxConversions } from '../laxValues';
import { describeValue } from '../messages';
import { lastEntries, lastValue } from './collect';

/**
 * The shape of a custom Python block definition, as the engine's Pydantic models
 * (dynamic_blocks/entities.py) check it before anything else: a failure here is the engine's
 * "Dynamic block definition at index … is malformed". Unknown keys are ignored, as there.
 */

export interface Problem {
  node: Node;
  message: string;
}

export const SELECTOR_TYPES = ['input_image', 'step_output_image', 'input_parameter', 'step_output', 'generic'];
export const VALUE_TYPES = ['any', 'integer', 'float', 'boolean', 'dict', 'list', 'string'];
const TENSOR_COMPATIBILITY = ['legacy_compatibility', 'tensor_native'];

type Rule =
  | { is: 'literal'; value: string }
  | { is: 'string' | 'string-or-null' | 'bool' | 'string-list' | 'dict-or-null' | 'any' }
  | { is: 'int'; min: number; max: number }
  | { is: 'enum' | 'enum-list'; values: string[] }
  | { is: 'map'; key?: string[]; value: (node: Node, at: string) => Problem[] }
  | { is: 'object'; check: (node: Node, at: string) => Problem[] };

type Rules = Record<string, { rule: Rule; required?: boolean }>;

const quote = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

function checkValue(node: Node, rule: Rule, at: string): Problem[] {
  const value = getNodeValue(node);
  const wrong = (expected: string): Problem[] => [{ node, message: `\`${at}\` must be ${expected}, not ${describeValue(value)}.` }];
  switch (rule.is) {
    case 'literal':
      return value === rule.value ? [] : wrong(`"${rule.value}"`);
    case 'string':
      return typeof value === 'string' ? [] : wrong('a string');
    case 'string-or-null':
      return typeof value === 'string' || value === null ? [] : wrong('a string or null');
    case 'bool':
      return typeof value === 'boolean' || laxConversions(value, ['boolean']).length ? [] : wrong('`true` or `false`');
    case 'int': {
      // An integer comes back as it is; "3", 3.0 and booleans convert as Pydantic's lax mode does.
      const number = laxConversions(value, ['integer'])[0]?.value;
      return typeof number === 'number' && number >= rule.min && number <= rule.max ? [] : wrong(`an integer from ${rule.min} to ${rule.max}`);
    }
    case 'enum':
      return rule.values.includes(value) ? [] : wrong(`one of ${quote(rule.values)}`);
    case 'string-list':
      return Array.isArray(value) ? (node.children ?? []).flatMap((item, i) => checkValue(item, { is: 'string' }, `${at}[${i}]`)) : wrong('a list');
    case 'enum-list':
      return Array.isArray(value) ? (node.children ?? []).flatMap((item, i) => checkValue(item, { is: 'enum', values: rule.values }, `${at}[${i}]`)) : wrong('a list');
    case 'dict-or-null':
      // `typeof null` is 'object', so null passes with the objects.
      return typeof value === 'object' && !Array.isArray(value) ? [] : wrong('an object or null');
    case 'any':
      return [];
    case 'map': {
      if (node.type !== 'object') return wrong('an object');
      return lastEntries(node).flatMap((p) => [
        ...(rule.key && !rule.key.includes(p.key) ? [{ node: p.keyNode, message: `\`${p.key}\` in \`${at}\` must be one of ${quote(rule.key)}.` }] : []),
        ...(p.value ? rule.value(p.value, `${at}.${p.key}`) : []),
      ]);
    }
    case 'object':
      return node.type === 'object' ? rule.check(node, at) : wrong('an object');
  }
}

function checkObject(node: Node, at: string, rules: Rules): Problem[] {
  const problems: Problem[] = [];
  for (const [key, { rule, required }] of Object.entries(rules)) {
    const value = lastValue(node, key);
    if (value) problems.push(...checkValue(value, rule, at ? `${at}.${key}` : key));
    else if (required) problems.push({ node: { ...node, length: 1 }, message: `${at ? `\`${at}\`` : 'The definition'} has no \`${key}\`.` });
  }
  return problems;
}

const INPUT: Rules = {
  type: { rule: { is: 'literal', value: 'DynamicInputDefinition' }, required: true },
  has_default_value: { rule: { is: 'bool' } },
  default_value: { rule: { is: 'any' } },
  is_optional: { rule: { is: 'bool' } },
  is_dimensionality_reference: { rule: { is: 'bool' } },
  dimensionality_offset: { rule: { is: 'int', min: -1, max: 1 } },
  selector_types: { rule: { is: 'enum-list', values: SELECTOR_TYPES } },
  selector_data_kind: { rule: { is: 'map', key: SELECTOR_TYPES, value: (node, at) => checkValue(node, { is: 'string-list' }, at) } },
  value_types: { rule: { is: 'enum-list', values: VALUE_TYPES } },
};

const OUTPUT: Rules = {
  type: { rule: { is: 'literal', value: 'DynamicOutputDefinition' }, required: true },
  kind: { rule: { is: 'string-list' } },
};

const MANIFEST: Rules = {
  type: { rule: { is: 'literal', value: 'ManifestDescription' }, required: true },
  block_type: { rule: { is: 'string' }, required: true },
  description: { rule: { is: 'string-or-null' } },
  inputs: { rule: { is: 'map', value: (node, at) => checkValue(node, { is: 'object', check: (n, a) => checkObject(n, a, INPUT) }, at) }, required: true },
  outputs: { rule: { is: 'map', value: (node, at) => checkValue(node, { is: 'object', check: (n, a) => checkObject(n, a, OUTPUT) }, at) } },
  output_dimensionality_offset: { rule: { is: 'int', min: -1, max: 1 } },
  ui_manifest: { rule: { is: 'dict-or-null' } },
  accepts_batch_input: { rule: { is: 'bool' } },
  accepts_empty_values: { rule: { is: 'bool' } },
  batch_oriented_parameters: { rule: { is: 'string-list' } },
  parameters_with_scalars_and_batches: { rule: { is: 'string-list' } },
  get_parameters_enforcing_auto_batch_casting: { rule: { is: 'string-list' } },
  tensor_compatibility: { rule: { is: 'enum', values: TENSOR_COMPATIBILITY } },
};

const CODE: Rules = {
  type: { rule: { is: 'literal', value: 'PythonCode' }, required: true },
  run_function_code: { rule: { is: 'string' }, required: true },
  run_function_name: { rule: { is: 'string' } },
  init_function_code: { rule: { is: 'string-or-null' } },
  init_function_name: { rule: { is: 'string' } },
  imports: { rule: { is: 'string-list' } },
};

const DEFINITION: Rules = {
  type: { rule: { is: 'literal', value: 'DynamicBlockDefinition' }, required: true },
  manifest: { rule: { is: 'object', check: (node, at) => checkObject(node, at, MANIFEST) }, required: true },
  code: { rule: { is: 'object', check: (node, at) => checkObject(node, at, CODE) }, required: true },
};

/** Everything the engine's definition models refuse in one definition (empty when it is well formed). */
export function definitionShapeProblems(definition: Node): Problem[] {
  if (definition.type !== 'object') return [{ node: definition, message: `A custom block definition is an object with \`type\`, \`manifest\` and \`code\`, not ${describeValue(getNodeValue(definition))}.` }];
  return checkObject(definition, '', DEFINITION);
}
