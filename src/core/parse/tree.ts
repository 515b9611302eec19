import type { Node } from 'jsonc-parser';
import type { OffsetRange } from '../findings';

/** Small helpers over jsonc-parser's syntax tree. */

export function rangeOf(node: Node): OffsetRange {
  return { offset: node.offset, length: node.length };
}

/** The property node (`"key": value`) of an object node. */
export function propertyNode(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object' || !object.children) return undefined;
  for (const property of object.children) {
    if (keyNode(property).value === key) return property;
  }
  return undefined;
}

/** The value node of an object's property. */
export function valueNode(object: Node | undefined, key: string): Node | undefined {
  return propertyNode(object, key)?.children?.[1];
}

export function keyNode(property: Node): Node {
  return property.children![0];
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export interface PropertyEntry {
  key: string;
  keyNode: Node;
  value: Node | undefined;
  property: Node;
}

// Trees are immutable once parsed, and several checks read the same step's properties.
const propertyLists = new WeakMap<Node, readonly PropertyEntry[]>();
const NO_PROPERTIES: readonly PropertyEntry[] = [];

/** Every `"key": value` pair of an object node, in document order (computed once per node). */
export function properties(object: Node | undefined): readonly PropertyEntry[] {
  if (object?.type !== 'object' || !object.children) return NO_PROPERTIES;
  let list = propertyLists.get(object);
  if (!list) {
    list = object.children.map((property) => ({
      key: property.children![0].value as string,
      keyNode: property.children![0],
      value: property.children![1],
      property,
    }));
    propertyLists.set(object, list);
  }
  return list;
}
