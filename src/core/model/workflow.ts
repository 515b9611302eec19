import { getNodeValue, type Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { BlockSpec } from '../catalog/types';
import { stringValue, valueNode } from '../parse/tree';
import { ownValue } from '../ownProperties';

/** A workflow definition as located nodes: what every check and analysis reads. */

export const INPUT_TYPES: Record<string, { canonical: string; defaultKinds: string[]; batch: boolean }> = {
  WorkflowImage: { canonical: 'WorkflowImage', defaultKinds: ['image'], batch: true },
  InferenceImage: { canonical: 'WorkflowImage', defaultKinds: ['image'], batch: true },
  WorkflowVideoMetadata: { canonical: 'WorkflowVideoMetadata', defaultKinds: ['video_metadata'], batch: true },
  WorkflowBatchInput: { canonical: 'WorkflowBatchInput', defaultKinds: ['*'], batch: true },
  WorkflowParameter: { canonical: 'WorkflowParameter', defaultKinds: ['*'], batch: false },
  InferenceParameter: { canonical: 'WorkflowParameter', defaultKinds: ['*'], batch: false },
};

export interface WorkflowInput {
  index: number;
  node: Node;
  type?: string;
  typeNode?: Node;
  name?: string;
  nameNode?: Node;
  /** Declared kinds (possibly none), or the input type's default (`*` matches anything). */
  kinds: string[];
  kindNode?: Node;
  dimensionality: number;
  defaultValue?: unknown;
  defaultNode?: Node;
}

export interface WorkflowStep {
  index: number;
  node: Node;
  type?: string;
  typeNode?: Node;
  name?: string;
  nameNode?: Node;
  /** The catalog block for `type`, when known. */
  block?: BlockSpec;
}

export interface WorkflowOutput {
  index: number;
  node: Node;
  name?: string;
  nameNode?: Node;
  selector?: string;
  selectorNode?: Node;
}

export interface WorkflowModel {
  root: Node;
  versionNode?: Node;
  inputsNode?: Node;
  stepsNode?: Node;
  outputsNode?: Node;
  inputs: WorkflowInput[];
  steps: WorkflowStep[];
  outputs: WorkflowOutput[];
}

function elements(array: Node | undefined): Node[] {
  return array?.type === 'array' ? (array.children ?? []) : [];
}

function readKinds(node: Node | undefined): string[] | undefined {
  if (node?.type !== 'array') return undefined;
  const kinds = (node.children ?? []).map((child) => (child.type === 'string' ? (child.value as string) : child.type === 'object' ? stringValue(valueNode(child, 'name')) : undefined));
  return kinds.filter((k): k is string => !!k);
}

export function buildWorkflowModel(root: Node, catalog: Catalog): WorkflowModel {
  const inputsNode = valueNode(root, 'inputs');
  const stepsNode = valueNode(root, 'steps');
  const outputsNode = valueNode(root, 'outputs');

  const inputs = elements(inputsNode).map((node, index): WorkflowInput => {
    const typeNode = valueNode(node, 'type');
    const type = stringValue(typeNode);
    const nameNode = valueNode(node, 'name');
    const kindNode = valueNode(node, 'kind');
    const dimensionalityNode = valueNode(node, 'dimensionality');
    const defaultNode = valueNode(node, 'default_value');
    const spec = type ? ownValue(INPUT_TYPES, type) : undefined;
    const declared = readKinds(kindNode);
    return {
      index,
      node,
      type,
      typeNode,
      name: stringValue(nameNode),
      nameNode,
      // An explicit `"kind": []` is no kind at all (the engine keeps the empty list), not the default.
      kinds: declared ?? spec?.defaultKinds ?? ['*'],
      kindNode,
      dimensionality: typeof dimensionalityNode?.value === 'number' ? dimensionalityNode.value : spec?.batch ? 1 : 0,
      defaultValue: defaultNode ? getNodeValue(defaultNode) : undefined,
      defaultNode,
    };
  });

  const steps = elements(stepsNode).map((node, index): WorkflowStep => {
    const typeNode = valueNode(node, 'type');
    const type = stringValue(typeNode);
    const nameNode = valueNode(node, 'name');
    return { index, node, type, typeNode, name: stringValue(nameNode), nameNode, block: type ? catalog.block(type) : undefined };
  });

  const outputs = elements(outputsNode).map((node, index): WorkflowOutput => {
    const nameNode = valueNode(node, 'name');
    const selectorNode = valueNode(node, 'selector');
    return { index, node, name: stringValue(nameNode), nameNode, selector: stringValue(selectorNode), selectorNode };
  });

  return { root, versionNode: valueNode(root, 'version'), inputsNode, stepsNode, outputsNode, inputs, steps, outputs };
}

/** First declaration of each name: duplicates are reported by the validator, and the engine's
 * first-wins lookups are what references resolve to. */
export function firstByName<T extends { name?: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (item.name !== undefined && !map.has(item.name)) map.set(item.name, item);
  return map;
}
