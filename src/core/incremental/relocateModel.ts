import type { Node } from 'jsonc-parser';
import type { WorkflowModel } from '../model/workflow';

/** The node of `to` at the place `node` has under `from` (two trees of the same shape). */
function counterpart(from: Node, to: Node, node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  const path: number[] = [];
  for (let current = node; current !== from; current = current.parent!) path.push(current.parent!.children!.indexOf(current));
  let result = to;
  for (let i = path.length - 1; i >= 0; i--) result = result.children![path[i]];
  return result;
}

/**
 * The model of `previous`, on a tree of the same shape (`root`, from treeWithLeaf): the same
 * names, types and blocks, on the new nodes. Each item is found by its index, and its own nodes
 * from there, so no lookup crosses the long lists.
 */
export function relocateModel(previous: WorkflowModel, root: Node): WorkflowModel {
  const top = (node: Node | undefined) => counterpart(previous.root, root, node);
  const inputsNode = top(previous.inputsNode);
  const stepsNode = top(previous.stepsNode);
  const outputsNode = top(previous.outputsNode);
  const item = (list: Node | undefined, index: number) => list!.children![index];
  return {
    root,
    versionNode: top(previous.versionNode),
    inputsNode,
    stepsNode,
    outputsNode,
    inputs: previous.inputs.map((input) => {
      const node = item(inputsNode, input.index);
      const at = (old: Node | undefined) => counterpart(input.node, node, old);
      return { ...input, node, typeNode: at(input.typeNode), nameNode: at(input.nameNode), kindNode: at(input.kindNode), defaultNode: at(input.defaultNode) };
    }),
    steps: previous.steps.map((step) => {
      const node = item(stepsNode, step.index);
      // Spelled out (not spread): a thousand steps per keystroke.
      return { index: step.index, node, type: step.type, typeNode: counterpart(step.node, node, step.typeNode), name: step.name, nameNode: counterpart(step.node, node, step.nameNode), block: step.block };
    }),
    outputs: previous.outputs.map((output) => {
      const node = item(outputsNode, output.index);
      return { ...output, node, nameNode: counterpart(output.node, node, output.nameNode), selectorNode: counterpart(output.node, node, output.selectorNode) };
    }),
  };
}
