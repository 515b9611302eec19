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
