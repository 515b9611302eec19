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
    if (property.children?.[0]?.value === key) return property;
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

/** Every `"key": value` pair of an object node, in document order. */
export function properties(object: Node | undefined): { key: string; keyNode: Node; value: Node | undefined; property: Node }[] {
  if (object?.type !== 'object' || !object.children) return [];
  return object.children.map((property) => ({
    key: property.children![0].value as string,
    keyNode: property.children![0],
    value: property.children![1],
    property,
  }));
}
