import type { Node } from 'jsonc-parser';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of the tree with one leaf's value replaced and every later offset moved by `delta`, as
 * parsing the edited text would give: several times faster than parsing it again. The previous
 * tree stays untouched (earlier analyses may still hold it).
 */
export function treeWithLeaf(root: Node, leaf: Node, value: unknown, delta: number): { root: Node; leaf: Node } {
  const start = leaf.offset;
  const end = leaf.offset + leaf.length;
  let newLeaf: Node | undefined;
  // Nodes are built with one fixed shape per kind, as jsonc-parser builds them (containers with
  // `children`, literals and keys with `value`): same keys, and fast property access.
  const copy = (node: Node, parent: Node | undefined): Writable<Node> => {
    const offset = node.offset >= end ? node.offset + delta : node.offset;
    const length = node.offset <= start && node.offset + node.length >= end ? node.length + delta : node.length;
    let clone: Writable<Node>;
    if (node.children) {
      const source = node.children;
      const children = new Array<Node>(source.length);
      clone = { type: node.type, offset, length, parent, children };
      for (let i = 0; i < children.length; i++) children[i] = copy(source[i], clone);
      if (node.colonOffset !== undefined) clone.colonOffset = node.colonOffset >= end ? node.colonOffset + delta : node.colonOffset;
    } else {
      clone = { type: node.type, offset, length, parent, value: node === leaf ? value : node.value };
      if (node === leaf) newLeaf = clone;
    }
    return clone;
  };
  const copied = copy(root, undefined);
  // The root has no `parent` key at all, as jsonc-parser leaves it.
  delete copied.parent;
  return { root: copied, leaf: newLeaf! };
}
