import type { BlockSpec, FieldSpec } from '../catalog/types';
import type { OffsetRange } from '../findings';
import { fieldMarkdown } from './hover';
import { rank, type LanguageCompletion } from './completionItem';
import { nestedSchemasAt } from '../schema/nestedSchemaAt';
import { hasNestedSchema } from '../schema/stepSchemas';
import { nestedValueSnippet } from './nestedCompletions';
import { valueSnippet } from './valueSnippets';

/** Where a property name goes: `withValue` when no `:` follows yet, so the value snippet comes too. */
export interface KeySite {
  range: OffsetRange;
  withValue: boolean;
  /** Another property follows on the same object without a comma in between. */
  needsComma: boolean;
}

function item(name: string, snippet: string, detail: string, documentation: string, index: number, site: KeySite): LanguageCompletion {
  const key = JSON.stringify(name);
  return {
    label: name,
    kind: 'property',
    detail,
    documentation,
    sortText: rank(index),
    insertText: (site.withValue ? `${key}: ${snippet}` : key) + (site.needsComma ? ',' : ''),
    snippet: true,
    filterText: key,
    range: site.range,
  };
}

/**
 * Property names a step of `block` may still take (not written yet): `name` and `type` when
 * missing, then required fields, then the optional ones, in the block's order. Each brings a value
 * of its shape.
 */
export function stepPropertyCompletions(block: BlockSpec | undefined, present: ReadonlySet<string>, site: KeySite): LanguageCompletion[] {
  const items: LanguageCompletion[] = [];
  if (!present.has('name')) items.push(item('name', '"$1"', 'required', 'The step name, referenced as `$steps.<name>.<output>`.', items.length, site));
  if (!present.has('type')) items.push(item('type', '"$1"', 'required', 'The block type, e.g. `roboflow_core/roboflow_object_detection_model@v2`.', items.length, site));
  if (!block) return items;
  const taken = (field: FieldSpec) => present.has(field.name) || field.aliases?.some((n) => present.has(n));
  const fields = block.fields.filter((f) => f.name !== 'type' && f.name !== 'name' && !taken(f));
  for (const field of [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)]) {
    // A structure of the engine's own (a condition, an operation pipeline) starts shaped like it.
    const snippet = hasNestedSchema(block.type, field.name) ? nestedValueSnippet(nestedSchemasAt(block.type, field.name, [], undefined)) : valueSnippet(field);
    items.push(item(field.name, snippet, field.required ? 'required' : 'optional', fieldMarkdown(block, field), items.length, site));
  }
  return items;
}

interface KeyDoc {
  name: string;
  snippet: string;
  doc: string;
  required?: boolean;
}

const TOP_LEVEL: KeyDoc[] = [
  { name: 'version', snippet: '"${1:1.0}"', doc: 'Execution Engine version the workflow targets, e.g. `"1.0"` (any 1.x engine).', required: true },
  { name: 'inputs', snippet: '[$1]', doc: 'What a run sends: images and parameters.', required: true },
  { name: 'steps', snippet: '[$1]', doc: 'The blocks the workflow runs.', required: true },
  { name: 'outputs', snippet: '[$1]', doc: 'What a run returns: `JsonField`s with a selector each.', required: true },
];

const INPUT_KEYS: KeyDoc[] = [
  { name: 'type', snippet: '"$1"', doc: 'The input type: `WorkflowImage`, `WorkflowParameter`, …', required: true },
  { name: 'name', snippet: '"$1"', doc: 'Referenced as `$inputs.<name>`.', required: true },
  { name: 'kind', snippet: '[$1]', doc: 'Kinds of value this input carries (defaults to the type\'s).' },
  { name: 'default_value', snippet: '$1', doc: 'Used when a run does not send a value (`WorkflowParameter`).' },
  { name: 'dimensionality', snippet: '${1:1}', doc: 'Batch nesting: 1 for batch inputs, 0 for parameters.' },
];

const OUTPUT_KEYS: KeyDoc[] = [
  { name: 'type', snippet: '"JsonField"', doc: 'Always `JsonField`.', required: true },
  { name: 'name', snippet: '"$1"', doc: 'Key of this output in the response.', required: true },
  { name: 'selector', snippet: '"\\$$1"', doc: '`$steps.<step>.<output>`, `$steps.<step>.*` or `$inputs.<name>`.', required: true },
  { name: 'coordinates_system', snippet: '"${1|parent,own|}"', doc: 'Parsed but unused by the engine.' },
];

const KEYS = { root: TOP_LEVEL, input: INPUT_KEYS, output: OUTPUT_KEYS };

/** Keys of the document itself, of an input or of an output that are not written yet. */
export function fixedPropertyCompletions(where: keyof typeof KEYS, present: ReadonlySet<string>, site: KeySite): LanguageCompletion[] {
  return KEYS[where].filter((k) => !present.has(k.name)).map((k, index) => item(k.name, k.snippet, k.required ? 'required' : 'optional', k.doc, index, site));
}
