import { findingRows } from './findingViews';

/** A valid custom Python block, `Counter`: an image and a float threshold in, an integer `count` out. A fresh copy each call. */
export function counterBlockDefinition(): Record<string, unknown> {
  return {
    type: 'DynamicBlockDefinition',
    manifest: {
      type: 'ManifestDescription',
      block_type: 'Counter',
      inputs: {
        image: { type: 'DynamicInputDefinition', selector_types: ['input_image'] },
        threshold: { type: 'DynamicInputDefinition', selector_types: ['input_parameter'], value_types: ['float'], has_default_value: true, default_value: 0.5 },
      },
      outputs: { count: { type: 'DynamicOutputDefinition', kind: ['integer'] } },
    },
    code: { type: 'PythonCode', run_function_code: 'def run(self, image, threshold):\n    return {"count": 1}\n' },
  };
}

export type Json = Record<string, unknown>;

/** The `Counter` definition after `change` has edited it in place. */
export function counterBlockWith(change: (block: Json) => void = () => undefined): Json {
  const block = counterBlockDefinition();
  change(block);
  return block;
}

export const manifestOf = (block: Json) => block.manifest as Json;
export const inputsOf = (block: Json) => manifestOf(block).inputs as Record<string, Json>;
export const codeOf = (block: Json) => block.code as Json;

/**
 * Changes the Counter to take `copy` and `image` (level 0) and `crops` (one level deeper), with
 * `reference` the dimensionality reference, and to output detections as `count`.
 */
export const referenceAfterCopy = (reference: 'image' | 'crops') => (b: Json) => {
  manifestOf(b).inputs = {
    copy: { type: 'DynamicInputDefinition', selector_types: ['input_image'] },
    image: { type: 'DynamicInputDefinition', selector_types: ['input_image'] },
    crops: { type: 'DynamicInputDefinition', selector_types: ['step_output'], dimensionality_offset: 1 },
  };
  inputsOf(b)[reference].is_dimensionality_reference = true;
  manifestOf(b).outputs = { count: { type: 'DynamicOutputDefinition', kind: ['object_detection_prediction'] } };
  codeOf(b).run_function_code = 'def run(self, copy, image, crops):\n    return {"count": None}\n';
};

/** JSON text written as is into a document: what a JavaScript value cannot say (`1.0`, a key written twice). */
export class Verbatim {
  constructor(readonly text: string) {}
}
export const verbatim = (text: string) => new Verbatim(text);

/** `JSON.stringify(value, null, 2)`, with each `Verbatim` in it written as its text. */
function jsonWithVerbatim(value: unknown): string {
  const written: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Verbatim ? `@verbatim:${written.push(v.text) - 1}@` : v), 2);
  return text.replace(/"@verbatim:(\d+)@"/g, (_match, index: string) => written[Number(index)]);
}

export interface CounterWorkflow {
  /** The definition (the Counter block when left out). */
  block?: Json;
  /** All the definitions, over `block`. */
  definitions?: Json[];
  /** Properties of the `counter` step over the base ones (`image` from the workflow's image). */
  step?: Json;
  /** Steps before the `counter` step. */
  before?: Json[];
  /** Steps after the `counter` step. */
  after?: Json[];
  /** Properties of the workflow parameter `threshold` over the base ones. */
  parameter?: Json;
}

/** The errors and warnings a user sees on that workflow: code, severity, message and the text underlined. */
export function counterWorkflowFindings(options: CounterWorkflow = {}): [string, string, string, string][] {
  return findingRows(counterWorkflowText(options));
}

/** A workflow declaring a custom block and using it in step `counter`, whose `count` it outputs: its text, verbatim values as written. */
export function counterWorkflowText(options: CounterWorkflow = {}): string {
  return jsonWithVerbatim({
    version: '1.0',
    inputs: [
      { type: 'WorkflowImage', name: 'image' },
      { type: 'WorkflowParameter', name: 'threshold', ...options.parameter },
    ],
    dynamic_blocks_definitions: options.definitions ?? [options.block ?? counterBlockDefinition()],
    steps: [...(options.before ?? []), { type: 'Counter', name: 'counter', image: '$inputs.image', ...options.step }, ...(options.after ?? [])],
    outputs: [{ type: 'JsonField', name: 'count', selector: '$steps.counter.count' }],
  });
}
