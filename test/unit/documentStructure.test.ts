import assert from 'node:assert/strict';
import { findingRow, fixRows, relatedRows, visibleFindings } from '../support/findingViews';
import { freshCatalog } from '../support/freshCatalog';
import { workflowText } from '../support/workflowText';

/**
 * The document's top level as the user sees it: missing or mistyped sections, the `version`, and the
 * inputs (types, names, dimensionality, kinds), each finding with its squiggle and quick fixes.
 */

/** Every non-hint finding: code, severity, message, underlined text, related notes, and each fix's title and resulting document. */
const seen = (text: string) => visibleFindings(text).map((f) => [...findingRow(text, f), relatedRows(text, f), fixRows(text, f)]);

/** A document with empty `steps` and `outputs`, so only the top level and the inputs can be at fault. */
const sections = (version: string) => `{"version": ${version}, "inputs": [], "steps": [], "outputs": []}`;
const withInputs = (inputs: unknown[]) => workflowText({ inputs, steps: [], outputs: [] });

describe('document structure: sections and version', () => {
  it('names each missing section with what to add, at the opening brace', () => {
    const add = (section: string, value: string) => `The workflow has no \`${section}\`. Add \`"${section}": ${value}\`: the server refuses a definition without it.`;
    assert.deepEqual(seen('{}'), [
      ['missing-section', 'error', add('version', '"1.0"'), '{', [], []],
      ['missing-section', 'error', add('inputs', '[]'), '{', [], []],
      ['missing-section', 'error', add('steps', '[]'), '{', [], []],
      ['missing-section', 'error', add('outputs', '[]'), '{', [], []],
    ]);
  });

  it('refuses a version the engine finds truthy but cannot read, and offers version "1.0"', () => {
    const refused = (what: string) => `\`version\` must be a string such as "1.0", not ${what}: the server cannot read it as a version.`;
    for (const [version, what] of [['5', 'number 5'], ['[1]', 'a list'], ['{"a": 1}', 'an object']]) {
      assert.deepEqual(seen(sections(version)), [['invalid-version', 'error', refused(what), version, [], [['Use version "1.0"', sections('"1.0"')]]]], version);
    }
  });

  it('calls a falsy non-string version the wrong type, with no fix: the engine treats it as absent', () => {
    const wrong = (what: string) => `\`version\` must be a string such as "1.0", not ${what}.`;
    assert.deepEqual(seen(sections('0')), [['wrong-type', 'error', wrong('number 0'), '0', [], []]]);
    assert.deepEqual(seen(sections('{}')), [['wrong-type', 'error', wrong('an object'), '{}', [], []]]);
  });

  it('says a section that is not a list must be a list, naming what it is', () => {
    const text = '{"version": "1.0", "inputs": "x", "steps": {}, "outputs": []}';
    assert.deepEqual(seen(text), [
      ['wrong-type', 'error', '`inputs` must be a list, not the string "x".', '"x"', [], []],
      ['wrong-type', 'error', '`steps` must be a list, not an object.', '{}', [], []],
    ]);
  });

  it('warns that an empty version runs on the newest engine, and offers version "1.0"', () => {
    assert.deepEqual(seen(sections('""')), [
      [
        'invalid-version',
        'warning',
        'An empty `version` makes the server run the workflow on its newest Execution Engine, whatever that is. Write the version you target, e.g. "1.0".',
        '""',
        [],
        [['Use version "1.0"', sections('"1.0"')]],
      ],
    ]);
  });

  it('refuses a local version label, quoting the trimmed requirement, and offers the version without the label', () => {
    assert.deepEqual(seen(sections('" 1.2+abc "')), [
      [
        'invalid-version',
        'error',
        '` 1.2+abc ` has a local version label (`+…`): the server turns the version into the requirement `>=1.2+abc`, which cannot hold one, and refuses the workflow. Drop the label.',
        '" 1.2+abc "',
        [],
        [['Use version "1.2"', sections('"1.2"')]],
      ],
    ]);
  });

  it('refuses a version the server cannot parse, and offers version "1.0"', () => {
    assert.deepEqual(seen(sections('"abc"')), [
      ['invalid-version', 'error', '`abc` is not a version the server can parse. Use a version such as "1.0".', '"abc"', [], [['Use version "1.0"', sections('"1.0"')]]],
    ]);
  });

  it('refuses another major version, naming the range the engine accepts', () => {
    const engine = freshCatalog().engineVersion;
    assert.deepEqual(seen(sections('"2.0"')), [
      [
        'unsupported-version',
        'error',
        `No Execution Engine serves version 2.0: the server runs ${engine} and accepts versions 1.0 to ${engine}. Use "1.0" unless you need a newer feature.`,
        '"2.0"',
        [],
        [['Use version "1.0"', sections('"1.0"')]],
      ],
    ]);
  });

  it('warns about a version newer than the known engine, and accepts the engine version itself', () => {
    const catalog = freshCatalog();
    const engine = catalog.engineVersion;
    assert.deepEqual(seen(sections(`"${engine}"`)), []);
    assert.deepEqual(seen(sections('"1.99"')), [
      [
        'unsupported-version',
        'warning',
        `Version 1.99 is newer than the Execution Engine this extension knows (${engine}, ${catalog.data.source}). Servers older than 1.99 will refuse it; refresh the block catalog from your server if it is newer.`,
        '"1.99"',
        [],
        [],
      ],
    ]);
  });
});

describe('document structure: inputs', () => {
  const KNOWN_INPUTS = 'Inputs are WorkflowImage, WorkflowParameter, WorkflowBatchInput or WorkflowVideoMetadata.';

  it('says an input that is not an object must be one', () => {
    assert.deepEqual(seen(withInputs([5])), [['wrong-type', 'error', 'Each input must be an object with `type` and `name`.', '5', [], []]]);
  });

  it('lists the current input types, without the old Inference aliases, for an input with no type', () => {
    assert.deepEqual(seen(withInputs([{ name: 'a' }])), [
      ['missing-property', 'error', 'This input has no `type`. Add one of WorkflowImage, WorkflowVideoMetadata, WorkflowBatchInput, WorkflowParameter.', '{', [], []],
    ]);
  });

  it('suggests the nearest input type for a misspelt one, with a fix that writes it', () => {
    assert.deepEqual(seen(withInputs([{ type: 'WorkflowImag', name: 'a' }])), [
      [
        'unknown-input-type',
        'error',
        `Unknown input type the string "WorkflowImag". Did you mean \`WorkflowImage\`? ${KNOWN_INPUTS}`,
        '"WorkflowImag"',
        [],
        [['Change to WorkflowImage', withInputs([{ type: 'WorkflowImage', name: 'a' }])]],
      ],
    ]);
  });

  it('offers every equally near input type, each as its own fix', () => {
    const typed = (type: string) => withInputs([{ type, name: 'a' }]);
    assert.deepEqual(seen(typed('Inference')), [
      [
        'unknown-input-type',
        'error',
        `Unknown input type the string "Inference". Did you mean \`InferenceImage\` or \`InferenceParameter\`? ${KNOWN_INPUTS}`,
        '"Inference"',
        [],
        [
          ['Change to InferenceImage', typed('InferenceImage')],
          ['Change to InferenceParameter', typed('InferenceParameter')],
        ],
      ],
    ]);
  });

  it('names an input type that is not a string, or matches nothing, without suggestions', () => {
    assert.deepEqual(seen(withInputs([{ type: 5, name: 'a' }, { type: 'Foo', name: 'b' }])), [
      ['unknown-input-type', 'error', `Unknown input type number 5. ${KNOWN_INPUTS}`, '5', [], []],
      ['unknown-input-type', 'error', `Unknown input type the string "Foo". ${KNOWN_INPUTS}`, '"Foo"', [], []],
    ]);
  });

  it('offers the number for a dimensionality written as a string, naming the input or `?` when it has no name', () => {
    const converted = (name: string) => `\`dimensionality\` of input \`${name}\` is the string "2"; the server converts it to 2. Write 2 itself, so the file says what runs.`;
    assert.deepEqual(seen(withInputs([{ type: 'WorkflowBatchInput', name: 'a', dimensionality: '2' }])), [
      ['value-converted', 'warning', converted('a'), '"2"', [], [['Change to 2', withInputs([{ type: 'WorkflowBatchInput', name: 'a', dimensionality: 2 }])]]],
    ]);
    // The missing name fails the input too; the converted dimensionality still passes on its own.
    assert.deepEqual(seen(withInputs([{ type: 'WorkflowBatchInput', dimensionality: '2' }])), [
      ['missing-property', 'error', "This input must have required property 'name': every input needs `type` and `name`.", '{', [], []],
      ['value-converted', 'warning', converted('?'), '"2"', [], [['Change to 2', withInputs([{ type: 'WorkflowBatchInput', dimensionality: 2 }])]]],
    ]);
  });

  it('refuses a dimensionality that is wrong even once converted, with the rule for the input type', () => {
    assert.deepEqual(seen(withInputs([{ type: 'WorkflowBatchInput', name: 'a', dimensionality: '0' }])), [
      ['invalid-dimensionality', 'error', '`dimensionality` of a WorkflowBatchInput must be an integer of at least 1.', '"0"', [], []],
    ]);
    // With the name missing as well, the converted value still fails on dimensionality itself.
    assert.deepEqual(seen(withInputs([{ type: 'WorkflowImage', dimensionality: '2' }])), [
      ['missing-property', 'error', "This input must have required property 'name': every input needs `type` and `name`.", '{', [], []],
      ['invalid-dimensionality', 'error', '`dimensionality` of a WorkflowImage must be exactly 1.', '"2"', [], []],
    ]);
  });

  it('warns about a name no selector can reach', () => {
    assert.deepEqual(seen(withInputs([{ type: 'WorkflowParameter', name: 'f g' }])), [
      [
        'unreferenceable-name',
        'warning',
        'Input name "f g" has characters other than letters, digits, `_` and `-`: properties that take only selectors refuse `$inputs.f g`. Rename it with letters, digits, `_` and `-`.',
        '"f g"',
        [],
        [],
      ],
    ]);
  });

  it('warns about unknown kinds, suggesting the nearest known kind with a fix, and leaves kinds that are not strings to the schema', () => {
    const kinds = (...kind: unknown[]) => withInputs([{ type: 'WorkflowParameter', name: 'a', kind }]);
    const text = kinds(5, 'strin', 'zzzzzzzzzz', 'string');
    const unknown = (name: string, suggestion: string) => `Unknown kind \`${name}\`.${suggestion} An unknown kind matches no field, so references to this input will be refused.`;
    assert.deepEqual(seen(text), [
      ['invalid-value', 'error', 'Input `kind` must be string.', '5', [], []],
      ['invalid-value', 'error', 'Input `kind` must be object.', '5', [], []],
      ['invalid-value', 'error', 'Input `kind` must match a schema in anyOf.', '5', [], []],
      ['unknown-kind', 'warning', unknown('strin', ' Did you mean `string`?'), '"strin"', [], [['Change to string', kinds(5, 'string', 'zzzzzzzzzz', 'string')]]],
      ['unknown-kind', 'warning', unknown('zzzzzzzzzz', ''), '"zzzzzzzzzz"', [], []],
    ]);
  });

  it('offers every near kind for an unknown kind, each as its own fix', () => {
    const kinds = (kind: string) => withInputs([{ type: 'WorkflowParameter', name: 'a', kind: [kind] }]);
    assert.deepEqual(seen(kinds('image_')), [
      [
        'unknown-kind',
        'warning',
        'Unknown kind `image_`. Did you mean `image` or `image_metadata` or `image_keypoints`? An unknown kind matches no field, so references to this input will be refused.',
        '"image_"',
        [],
        [
          ['Change to image', kinds('image')],
          ['Change to image_metadata', kinds('image_metadata')],
          ['Change to image_keypoints', kinds('image_keypoints')],
        ],
      ],
    ]);
  });
});
