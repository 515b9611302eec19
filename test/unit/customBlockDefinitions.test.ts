import assert from 'node:assert/strict';
import { validateWorkflow } from '../../src/core/validate';
import { counterBlockWith, manifestOf, inputsOf, codeOf, type Json } from '../support/counterBlock';
import { underlined } from '../support/workflowText';
import { freshCatalog } from '../support/freshCatalog';

/**
 * The shape check of a custom Python block definition (`dynamic_blocks_definitions`): each field
 * the engine's definition models type, reported where it is written with the path to it.
 */


const SELECTORS = '"input_image", "step_output_image", "input_parameter", "step_output", "generic"';

const definition = counterBlockWith;
const manifest = manifestOf;
const code = codeOf;
const input = (block: Json, name: string) => inputsOf(block)[name];

function workflow(definitions: unknown): string {
  return JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      dynamic_blocks_definitions: definitions,
      steps: [{ type: 'Counter', name: 'counter', image: '$inputs.image' }],
      outputs: [{ type: 'JsonField', name: 'count', selector: '$steps.counter.count' }],
    },
    null,
    2,
  );
}

/** The definition findings of a workflow with these definitions: severity, message and the underlined text. */
function definitionFindings(definitions: unknown): [string, string, string][] {
  const text = workflow(definitions);
  return validateWorkflow(text, freshCatalog())
    .findings.filter((f) => f.code === 'dynamic-block-invalid')
    .map((f) => [f.severity, f.message, underlined(text, f)]);
}

/** The one finding (named block `Counter`) the changed definition gets. */
const refused = (message: string, written: string, block = 'Custom Python block `Counter`'): [string, string, string][] => [
  ['error', `${block}: ${message} The server refuses the workflow.`, written],
];

const findingsFor = (change: (block: Json) => void) => definitionFindings([definition(change)]);

describe('custom block definitions: the shape of each field', () => {
  it('accepts the well-formed counter block', () => {
    assert.deepEqual(findingsFor(() => undefined), []);
  });

  it('names the whole definition when it is not an object', () => {
    assert.deepEqual(definitionFindings(['Counter']), [
      ['error', 'Custom Python block: A custom block definition is an object with `type`, `manifest` and `code`, not the string "Counter". The server refuses the workflow.', '"Counter"'],
    ]);
  });

  it('names a wrong top-level field by its bare key, and a missing one as missing from the definition', () => {
    assert.deepEqual(findingsFor((b) => (b.type = 'DynamicBlock')), refused('`type` must be "DynamicBlockDefinition", not the string "DynamicBlock".', '"DynamicBlock"'));
    // A missing key is underlined at the opening brace of the object that lacks it.
    assert.deepEqual(findingsFor((b) => delete b.code), refused('The definition has no `code`.', '{'));
  });

  it('names a field missing from a nested object by the path of that object', () => {
    assert.deepEqual(findingsFor((b) => delete code(b).run_function_code), refused('`code` has no `run_function_code`.', '{'));
  });

  it('refuses a non-string where a string is required, null included', () => {
    assert.deepEqual(findingsFor((b) => (code(b).run_function_name = 5)), refused('`code.run_function_name` must be a string, not number 5.', '5'));
    assert.deepEqual(findingsFor((b) => (code(b).run_function_name = null)), refused('`code.run_function_name` must be a string, not `null`.', 'null'));
  });

  it('takes a string or null where the engine allows null, and nothing else', () => {
    assert.deepEqual(findingsFor((b) => (manifest(b).description = null)), []);
    assert.deepEqual(findingsFor((b) => (manifest(b).description = 'Counts things')), []);
    assert.deepEqual(findingsFor((b) => (manifest(b).description = 5)), refused('`manifest.description` must be a string or null, not number 5.', '5'));
  });

  it('takes booleans and the values Pydantic converts to one, and refuses other words', () => {
    for (const value of [true, false, 1, 'yes']) assert.deepEqual(findingsFor((b) => (manifest(b).accepts_batch_input = value)), [], String(value));
    assert.deepEqual(findingsFor((b) => (manifest(b).accepts_batch_input = 'maybe')), refused('`manifest.accepts_batch_input` must be `true` or `false`, not the string "maybe".', '"maybe"'));
  });

  it('takes a dimensionality offset from -1 to 1, also written as text, and refuses anything else', () => {
    for (const value of [-1, 0, 1, '1', true]) assert.deepEqual(findingsFor((b) => (input(b, 'image').dimensionality_offset = value)), [], String(value));
    const expected = (written: string, described: string) =>
      refused(`\`manifest.inputs.image.dimensionality_offset\` must be an integer from -1 to 1, not ${described}.`, written);
    for (const [value, written, described] of [
      [-2, '-2', 'number -2'],
      [2, '2', 'number 2'],
      [0.5, '0.5', 'number 0.5'],
      ['one', '"one"', 'the string "one"'],
    ] as const) {
      assert.deepEqual(findingsFor((b) => (input(b, 'image').dimensionality_offset = value)), expected(written, described), String(value));
    }
  });

  it('points at the item of a list that is not a string, and refuses a string instead of a list', () => {
    assert.deepEqual(findingsFor((b) => (code(b).imports = ['numpy', 3])), refused('`code.imports[1]` must be a string, not number 3.', '3'));
    assert.deepEqual(findingsFor((b) => (code(b).imports = 'numpy')), refused('`code.imports` must be a list, not the string "numpy".', '"numpy"'));
  });

  it('lists the allowed selector types for an unknown one, by its index', () => {
    assert.deepEqual(
      findingsFor((b) => (input(b, 'image').selector_types = ['input_image', 'image'])),
      refused(`\`manifest.inputs.image.selector_types[1]\` must be one of ${SELECTORS}, not the string "image".`, '"image"'),
    );
    assert.deepEqual(
      findingsFor((b) => (input(b, 'image').selector_types = 'input_image')),
      refused('`manifest.inputs.image.selector_types` must be a list, not the string "input_image".', '"input_image"'),
    );
  });

  it('takes an object or null as the UI manifest, and refuses lists, text and numbers', () => {
    for (const value of [null, {}, { section: 'custom' }]) assert.deepEqual(findingsFor((b) => (manifest(b).ui_manifest = value)), [], JSON.stringify(value));
    for (const [value, written, described] of [
      [[], '[]', 'a list'],
      ['custom', '"custom"', 'the string "custom"'],
      [5, '5', 'number 5'],
    ] as const) {
      assert.deepEqual(
        findingsFor((b) => (manifest(b).ui_manifest = value)),
        refused(`\`manifest.ui_manifest\` must be an object or null, not ${described}.`, written),
        JSON.stringify(value),
      );
    }
  });

  it('refuses inputs written as a list instead of an object of named inputs', () => {
    assert.deepEqual(findingsFor((b) => (manifest(b).inputs = [])), refused('`manifest.inputs` must be an object, not a list.', '[]'));
  });

  it('refuses an output that is not an object, by its name', () => {
    assert.deepEqual(
      findingsFor((b) => ((manifest(b).outputs as Json).count = 'integer')),
      refused('`manifest.outputs.count` must be an object, not the string "integer".', '"integer"'),
    );
  });

  it('underlines a selector data kind key that is not a selector type, and checks its kinds as a list of strings', () => {
    assert.deepEqual(
      findingsFor((b) => (input(b, 'threshold').selector_data_kind = { image: ['float'] })),
      refused(`\`image\` in \`manifest.inputs.threshold.selector_data_kind\` must be one of ${SELECTORS}.`, '"image"'),
    );
    assert.deepEqual(
      findingsFor((b) => (input(b, 'threshold').selector_data_kind = { input_parameter: [1] })),
      refused('`manifest.inputs.threshold.selector_data_kind.input_parameter[0]` must be a string, not number 1.', '1'),
    );
  });
});
