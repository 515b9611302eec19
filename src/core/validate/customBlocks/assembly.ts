import { getNodeValue, type Node } from 'jsonc-parser';
import type { BlockSpec, FieldSpec, LiteralType, SelectorTarget } from '../../catalog/types';
import { stringValue } from '../../parse/tree';
import { NO_KIND } from '../kinds';
import { laxConversions } from '../laxValues';
import { lastEntries, lastValue } from './collect';
import type { Problem } from './definitionSchema';
import { moduleNames } from './pythonNames';
import { ownValue } from '../../ownProperties';

/**
 * What the engine does with a well-formed custom block definition before any step uses it
 * (dynamic_blocks/block_assembler.py): checks kinds, value types and the dimensionality
 * reference, looks for the run function in the code, and builds the block's manifest, which
 * becomes the block these steps are checked against.
 */

/** The `blockType` of custom Python blocks in the catalog their definitions extend. */
export const CUSTOM_PYTHON = 'custom_python';

const TARGETS: Record<string, SelectorTarget> = {
  input_image: 'workflow_image',
  step_output_image: 'step_output',
  input_parameter: 'workflow_parameter',
  step_output: 'step_output',
  generic: 'any_data',
};
const LITERALS: Record<string, LiteralType> = { any: 'any', integer: 'integer', float: 'number', boolean: 'boolean', dict: 'object', list: 'array', string: 'string' };
/** Kinds serialised as strings: declaring one adds `str` to the accepted values (`_STRING_LITERAL_KINDS`). */
const STRING_LITERAL_KINDS = new Set(['rgb_color']);

const flag = (node: Node | undefined) => {
  const value = node && getNodeValue(node);
  return value === true || laxConversions(value, ['boolean'])[0]?.value === true;
};
// The definition's shape check lets through only values that convert to an integer (an integer comes back as it is).
const integer = (node: Node | undefined) => (laxConversions(node && getNodeValue(node), ['integer'])[0]?.value as number | undefined) ?? 0;
const strings = (node: Node | undefined) => (node?.type === 'array' ? (node.children ?? []).map((c) => c.value as string) : []);

function kindsFor(input: Node, selectorType: string): string[] {
  if (selectorType === 'input_image' || selectorType === 'step_output_image') return ['image'];
  const declared = lastValue(lastValue(input, 'selector_data_kind'), selectorType);
  return declared ? strings(declared) : ['*'];
}

function toField(name: string, input: Node): FieldSpec {
  const selectorTypes = strings(lastValue(input, 'selector_types'));
  const literalTypes = strings(lastValue(input, 'value_types')).flatMap((t) => ownValue(LITERALS, t) ?? []);
  const declaredKinds = lastEntries(lastValue(input, 'selector_data_kind')).flatMap((p) => strings(p.value));
  if (declaredKinds.some((k) => STRING_LITERAL_KINDS.has(k)) && !literalTypes.includes('string')) literalTypes.push('string');
  const hasDefault = flag(lastValue(input, 'has_default_value'));
  const defaultNode = lastValue(input, 'default_value');
  const selectorKinds = [...new Set(selectorTypes.flatMap((t) => kindsFor(input, t)))];
  return {
    name,
    required: !hasDefault,
    selectorKinds: selectorTypes.length && !selectorKinds.length ? [NO_KIND] : selectorKinds,
    selectorTargets: [...new Set(selectorTypes.flatMap((t) => ownValue(TARGETS, t) ?? []))],
    containers: selectorTypes.length ? ['single'] : [],
    literalTypes: [...new Set(literalTypes)],
    nullable: flag(lastValue(input, 'is_optional')),
    ...(hasDefault ? { default: defaultNode ? getNodeValue(defaultNode) : null } : {}),
  };
}

/** Problems the engine raises while assembling the block, in its order. */
function assemblyProblems(manifest: Node, code: Node, known: ReadonlySet<string>, blockType: string): Problem[] {
  const problems: Problem[] = [];
  const tensor = lastValue(manifest, 'tensor_compatibility');
  if (tensor?.value === 'tensor_native') {
    problems.push({ node: tensor, message: `\`tensor_native\` blocks run only on servers started with ENABLE_TENSOR_DATA_REPRESENTATION; others refuse \`${blockType}\`. Use "legacy_compatibility" (the default).` });
  }
  const references: string[] = [];
  for (const input of lastEntries(lastValue(manifest, 'inputs'))) {
    if (!input.value) continue;
    const selectorTypes = strings(lastValue(input.value, 'selector_types'));
    // The engine looks kinds up only for the selector types the input takes.
    for (const kindList of lastEntries(lastValue(input.value, 'selector_data_kind')).filter((p) => selectorTypes.includes(p.key))) {
      for (const kind of kindList.value?.children ?? []) {
        if (!known.has(kind.value as string)) problems.push({ node: kind, message: `Input \`${input.key}\` declares kind \`${kind.value}\`, which the engine does not know.` });
      }
    }
    const field = toField(input.key, input.value);
    if (!selectorTypes.length && !field.literalTypes.length) problems.push({ node: input.keyNode, message: `Input \`${input.key}\` takes nothing: give it \`selector_types\`, \`value_types\`, or both.` });
    if (flag(lastValue(input.value, 'is_dimensionality_reference'))) references.push(input.key);
  }
  for (const output of lastEntries(lastValue(manifest, 'outputs'))) {
    for (const kind of lastValue(output.value, 'kind')?.children ?? []) {
      if (!known.has(kind.value as string)) problems.push({ node: kind, message: `Output \`${output.key}\` declares kind \`${kind.value}\`, which the engine does not know.` });
    }
  }
  if (references.length > 1) {
    problems.push({ node: lastValue(manifest, 'inputs')!, message: `Inputs ${references.map((r) => `\`${r}\``).join(', ')} are all marked \`is_dimensionality_reference\`; at most one may be.` });
  }
  problems.push(...functionProblems(code));
  return problems;
}

/** The engine executes the imports and the code as one module and looks the functions up in it by name. */
function functionProblems(code: Node): Problem[] {
  // The definition's shape check requires `run_function_code` to be a string.
  const runCode = stringValue(lastValue(code, 'run_function_code'))!;
  const initCode = stringValue(lastValue(code, 'init_function_code'));
  // Lines of imports, the run code and the init code (when there is one: `join` writes nothing for `undefined`).
  const names = moduleNames([...strings(lastValue(code, 'imports')), runCode, initCode].join('\n'));
  const defines = (name: string) => !names || names.has(name);
  const problems: Problem[] = [];
  const runName = stringValue(lastValue(code, 'run_function_name')) ?? 'run';
  if (!defines(runName)) {
    problems.push({
      node: lastValue(code, 'run_function_code')!,
      message: `There is no top-level function \`${runName}\` in the code: define \`def ${runName}(self, …)\` there, or set \`run_function_name\` to the function you wrote.`,
    });
  }
  const initName = stringValue(lastValue(code, 'init_function_name')) ?? 'init';
  if (initCode !== undefined && !defines(initName)) {
    problems.push({ node: lastValue(code, 'init_function_code')!, message: `\`init_function_code\` has no top-level function \`${initName}\`: define \`def ${initName}()\`, or set \`init_function_name\`.` });
  }
  return problems;
}

export interface Assembled {
  spec?: BlockSpec;
  problems: Problem[];
}

/** Checks a well-formed definition as the engine assembles it, and builds its block when it passes. */
export function assembleCustomBlock(definition: Node, known: ReadonlySet<string>): Assembled {
  const manifest = lastValue(definition, 'manifest')!;
  const code = lastValue(definition, 'code')!;
  const blockType = stringValue(lastValue(manifest, 'block_type'))!;
  const problems = assemblyProblems(manifest, code, known, blockType);
  if (problems.length) return { problems };
  const inputs = lastEntries(lastValue(manifest, 'inputs')).filter((p) => p.value);
  const fields = inputs.map((p) => toField(p.key, p.value!));
  const offsets = Object.fromEntries(inputs.map((p) => [p.key, integer(lastValue(p.value, 'dimensionality_offset'))]).filter(([, offset]) => offset !== 0));
  const reference = inputs.find((p) => flag(lastValue(p.value, 'is_dimensionality_reference')))?.key;
  const batchParameters = strings(lastValue(manifest, 'batch_oriented_parameters'));
  const batchOrScalarParameters = strings(lastValue(manifest, 'parameters_with_scalars_and_batches'));
  const outputs = lastEntries(lastValue(manifest, 'outputs')).map((p) => {
    const kinds = strings(lastValue(p.value, 'kind'));
    return { name: p.key, kinds: kinds.length ? kinds : ['*'] };
  });
  const spec: BlockSpec = {
    type: blockType,
    aliases: [],
    humanName: `Custom block \`${blockType}\``,
    description: stringValue(lastValue(manifest, 'description')) ?? 'Custom Python block declared in this workflow.',
    blockType: CUSTOM_PYTHON,
    fields,
    outputs,
    dynamicOutputs: false,
    modelIdFields: [],
    credentialFields: [],
    usesRequestApiKey: false,
    dimensionality: {
      outputOffset: integer(lastValue(manifest, 'output_dimensionality_offset')),
      acceptsBatchInput: batchParameters.length > 0 || batchOrScalarParameters.length > 0 || flag(lastValue(manifest, 'accepts_batch_input')),
      batchParameters,
      batchOrScalarParameters,
      autoBatchCasting: strings(lastValue(manifest, 'get_parameters_enforcing_auto_batch_casting')),
      ...(Object.keys(offsets).length ? { inputOffsets: offsets as Record<string, number> } : {}),
      ...(reference ? { referenceProperty: reference } : {}),
    },
  };
  return { spec, problems };
}
