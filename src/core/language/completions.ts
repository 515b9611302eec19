import { findNodeAtLocation, getLocation, getNodeValue, type Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { properties, valueNode } from '../parse/tree';
import { hasNestedSchema } from '../schema/stepSchemas';
import { nestedSchemasAt } from '../schema/nestedSchemaAt';
import { nestedKeyCompletions, nestedValueCompletionsAt } from './nestedCompletions';
import { blockTypeCompletions } from './blockTypeCompletions';
import { rank, type LanguageCompletion } from './completionItem';
import { fixedPropertyCompletions, stepPropertyCompletions, type KeySite } from './propertyCompletions';
import { selectorCompletions } from './selectorCompletions';
import { fieldValueCompletions, inputTypeCompletions, kindCompletions, versionCompletions, type ValueSite } from './valueCompletions';

/** A string node the cursor is inside (an unclosed one counts up to its end). */
function stringAround(node: Node | undefined, text: string, offset: number): OffsetRange | undefined {
  // At a key, jsonc-parser reports the key's string as a node of type `property`.
  if (node?.type !== 'string' && node?.type !== 'property') return undefined;
  const end = node.offset + node.length;
  const closed = node.length >= 2 && text[end - 1] === '"';
  if (offset <= node.offset || offset > end || (closed && offset === end)) return undefined;
  return { offset: node.offset + 1, length: Math.max(0, (closed ? end - 1 : end) - node.offset - 1) };
}

function valueSite(previous: Node | undefined, text: string, offset: number): ValueSite {
  const inside = stringAround(previous, text, offset);
  if (inside) return { range: inside, inString: true, typed: text.slice(inside.offset, offset) };
  // getLocation reports only a node that starts at or before the offset.
  const literal = previous && previous.type !== 'string' && offset <= previous.offset + previous.length ? previous : undefined;
  if (literal) return { range: { offset: literal.offset, length: literal.length }, inString: false, typed: text.slice(literal.offset, offset) };
  // A word the scanner does not take for a value yet (`tr` of `true`).
  const word = /[A-Za-z0-9_.+-]*$/.exec(text.slice(Math.max(0, offset - 64), offset))![0];
  return { range: { offset: offset - word.length, length: word.length }, inString: false, typed: word };
}

function keySite(previous: Node | undefined, text: string, offset: number): KeySite {
  const inside = stringAround(previous, text, offset);
  const range = inside && previous ? { offset: previous.offset, length: previous.length } : { offset, length: 0 };
  const after = text.slice(range.offset + range.length).trimStart()[0];
  return { range, withValue: after !== ':', needsComma: after === '"' };
}

/** Keys already written in the object at `path` (except the one being typed). */
function presentKeys(object: Node | undefined, typing: OffsetRange): Set<string> {
  return new Set(properties(object).filter((p) => p.keyNode.offset !== typing.offset).map((p) => p.key));
}

/** The cursor inside the value of a step property with the engine's nested schema (below the property itself). */
function nestedPlace(model: WorkflowModel, path: readonly (string | number)[]) {
  const [section, index, property] = path;
  if (section !== 'steps' || typeof index !== 'number' || typeof property !== 'string' || path.length < 4) return undefined;
  // No step there when `steps` is written twice: the model holds the first list, the cursor may be in the other.
  const step = model.steps[index];
  const node = step?.block && hasNestedSchema(step.block.type, property) ? valueNode(step.node, property) : undefined;
  if (!step?.block || !node) return undefined;
  return { blockType: step.block.type, property, segments: path.slice(3), valueNode: node, value: getNodeValue(node) as unknown };
}

/**
 * Every completion at `offset`: block types on a step's `type`, property names of the step's
 * block (and of inputs, outputs and the document), enum and boolean values, input types and kinds,
 * `version`, and inside a selector string the selectors that field can take.
 */
export function workflowCompletions(text: string, offset: number, catalog: Catalog, model: WorkflowModel): LanguageCompletion[] {
  const location = getLocation(text, offset);
  const path = location.path;
  const previous = location.previousNode;
  const [section, index, key] = path;

  const nested = nestedPlace(model, path);
  if (location.isAtPropertyKey) {
    const site = keySite(previous, text, offset);
    if (nested) {
      const objectPath = nested.segments.slice(0, -1);
      const object = findNodeAtLocation(nested.valueNode, objectPath);
      const schemasOfKey = (k: string) => nestedSchemasAt(nested.blockType, nested.property, [...objectPath, k], nested.value);
      return nestedKeyCompletions(nestedSchemasAt(nested.blockType, nested.property, objectPath, nested.value), schemasOfKey, presentKeys(object, site.range), site);
    }
    if (path.length === 1) return fixedPropertyCompletions('root', presentKeys(model.root, site.range), site);
    if (path.length !== 3 || typeof index !== 'number') return [];
    if (section === 'steps') {
      const step = model.steps[index];
      return step ? stepPropertyCompletions(step.block, presentKeys(step.node, site.range), site) : [];
    }
    if (section === 'inputs' && model.inputs[index]) return fixedPropertyCompletions('input', presentKeys(model.inputs[index].node, site.range), site);
    if (section === 'outputs' && model.outputs[index]) return fixedPropertyCompletions('output', presentKeys(model.outputs[index].node, site.range), site);
    return [];
  }

  const site = valueSite(previous, text, offset);
  if (nested) return nestedValueCompletionsAt(nestedSchemasAt(nested.blockType, nested.property, nested.segments, nested.value), site);
  if (path.length === 1 && section === 'version') return versionCompletions(catalog, site);
  if (section === 'inputs' && path.length === 3 && key === 'type') return inputTypeCompletions(site);
  if (section === 'inputs' && path.length === 4 && key === 'kind') return kindCompletions(catalog, site);
  if (section === 'steps' && typeof index === 'number' && path.length === 3 && key === 'type') return blockTypeCompletions(catalog, site.typed, site.range, !site.inString);

  const items: LanguageCompletion[] = [];
  const step = section === 'steps' && typeof index === 'number' && path.length === 3 ? model.steps[index] : undefined;
  const field = step?.block && typeof key === 'string' ? catalog.field(step.block, key) : undefined;
  if (field && !site.typed.startsWith('$')) items.push(...fieldValueCompletions(field, site));
  // Selectors go inside a string: outside one, selectorCompletions offers none.
  for (const selector of selectorCompletions(text, offset, catalog, model)) {
    items.push({
      label: selector.label,
      kind: selector.label.startsWith('$inputs.') ? 'inputSelector' : 'stepSelector',
      detail: selector.compatible ? selector.detail : `${selector.detail} (kind does not fit this field)`,
      sortText: rank(items.length),
      insertText: selector.label,
      snippet: false,
      range: selector.range,
      deprecated: !selector.compatible || undefined,
    });
  }
  return items;
}
