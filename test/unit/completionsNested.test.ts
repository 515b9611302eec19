import assert from 'node:assert/strict';
import { workflowCompletions } from '../../src/core/language/completions';
import { hoverAt } from '../../src/core/language/hover';
import { nestedKeyCompletions, nestedValueSnippet } from '../../src/core/language/nestedCompletions';
import { nestedSchemasAt } from '../../src/core/schema/nestedSchemaAt';
import { validateWorkflow } from '../../src/core/validate';
import { freshCatalog } from '../support/freshCatalog';
import { after } from '../support/textCursor';

/**
 * Completions inside the properties with the engine's nested schemas: the query language of
 * `condition_statement`, operation pipelines, `lmm_config`. What the user picks from, and what it inserts.
 */

function complete(text: string, offset: number) {
  const catalog = freshCatalog();
  return workflowCompletions(text, offset, catalog, validateWorkflow(text, catalog).model!);
}

const document = (step: string) => `{
  "version": "1.0",
  "inputs": [{ "type": "WorkflowImage", "name": "image" }],
  "steps": [
    { "type": "roboflow_core/roboflow_object_detection_model@v2", "name": "det", "images": "$inputs.image", "model_id": "yolov8n-640" },
    ${step}
  ],
  "outputs": []
}`;

const COMPARATORS = ['in (Sequence)', 'all in (Sequence)', 'any in (Sequence)', '(String) contains', '(String) endsWith', '(String) startsWith', '(Number) in range', '(Number) <=', '(Number) <', '(Number) >=', '(Number) >', '(Number) !=', '!=', '(Number) ==', '==', '(Detection) in zone'];

describe('completions inside nested property schemas', () => {
  it('a comparator\'s `type`: every comparator of the query language, replacing the string\'s content', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "BinaryStatement", "comparator": { "type": "(Num" } }] }, "evaluation_parameters": {}, "next_steps": [] }');
    const offset = after(text, '"(Num');
    const items = complete(text, offset);
    assert.deepEqual(
      items.map((i) => i.label),
      COMPARATORS.filter((c) => c.toLowerCase().includes('(num')),
    );
    assert.deepEqual(items[0].range, { offset: offset - '(Num'.length, length: '(Num'.length });
    assert.equal(items[0].insertText, '(Number) in range');
  });

  it('a statement\'s `type`, even when one is written already: all three kinds of statement', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "BinaryStatement" }] }, "evaluation_parameters": {}, "next_steps": [] }');
    const items = complete(text, after(text, '"statements": [{ "type": "'));
    assert.deepEqual(items.map((i) => i.label), ['BinaryStatement', 'UnaryStatement', 'StatementGroup']);
  });

  it('keys of a statement whose `type` is written: that statement\'s keys, required first, each with a value of its shape', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "BinaryStatement", "" }] }, "evaluation_parameters": {}, "next_steps": [] }');
    const items = complete(text, after(text, '"BinaryStatement", "'));
    assert.deepEqual(
      items.map((i) => [i.label, i.detail, i.insertText]),
      [
        ['left_operand', 'required', '"left_operand": { "type": "${1|StaticOperand,DynamicOperand|}"$0 }'],
        ['comparator', 'required', `"comparator": { "type": "\${1|${COMPARATORS.join(',')}|}"$0 }`],
        ['right_operand', 'required', '"right_operand": { "type": "${1|StaticOperand,DynamicOperand|}"$0 }'],
        ['negate', 'optional', '"negate": ${1|true,false|}'],
      ],
    );
  });

  it('keys of an operation: its own settings, an enum as a choice and an integer as a number', () => {
    const text = document('{ "type": "roboflow_core/property_definition@v1", "name": "prop", "data": "$steps.det.predictions", "operations": [{ "type": "DetectionsPropertyExtract", "" }, { "type": "ConvertImageToJPEG", "" }] }');
    const extract = complete(text, after(text, '"DetectionsPropertyExtract", "'));
    assert.equal(extract.length, 1);
    assert.equal(extract[0].label, 'property_name');
    assert.match(extract[0].insertText, /^"property_name": "\$\{1\|confidence,class_name,x_min,/);
    const jpeg = complete(text, after(text, '"ConvertImageToJPEG", "'));
    assert.deepEqual(jpeg.map((i) => [i.label, i.insertText]), [['compression_level', '"compression_level": ${1:0}']]);
  });

  it('leaves out the keys already written, and gives only the key before a colon', () => {
    const text = document('{ "type": "roboflow_core/lmm@v1", "name": "lmm", "images": "$inputs.image", "prompt": "?", "lmm_type": "gpt_4v", "lmm_config": { "max_tokens": 10, "gpt": 1 } }');
    const items = complete(text, after(text, '"max_tokens": 10, "gpt'));
    assert.deepEqual(items.map((i) => [i.label, i.insertText]), [
      ['gpt_image_detail', '"gpt_image_detail"'],
      ['gpt_model_version', '"gpt_model_version"'],
    ]);
  });

  it('values of an enum and of a boolean inside the structure', () => {
    const text = document('{ "type": "roboflow_core/lmm@v1", "name": "lmm", "images": "$inputs.image", "prompt": "?", "lmm_type": "gpt_4v", "lmm_config": { "gpt_image_detail": "" } }');
    assert.deepEqual(complete(text, after(text, '"gpt_image_detail": "')).map((i) => i.label), ['low', 'high', 'auto']);
    const gate = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "UnaryStatement", "negate": t }] }, "evaluation_parameters": {}, "next_steps": [] }');
    assert.deepEqual(complete(gate, after(gate, '"negate": t')).map((i) => [i.label, i.insertText]), [['true', 'true']]);
  });

  it('a new step property with a nested schema starts as its structure: the condition names its group type', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "" }');
    const item = complete(text, after(text, '"name": "gate", "')).find((i) => i.label === 'condition_statement');
    assert.equal(item?.insertText, '"condition_statement": { "type": "StatementGroup"$0 }');
  });

  it('offers nothing where the structure has nothing to offer, or the path leaves it', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "BinaryStatement", "left_operand": { "type": "DynamicOperand", "operand_name": "" } }] }, "evaluation_parameters": {}, "next_steps": [] }');
    assert.deepEqual(complete(text, after(text, '"operand_name": "')), []);
    assert.deepEqual(nestedSchemasAt('roboflow_core/continue_if@v1', 'condition_statement', ['no_such_key', 0], {}), []);
    assert.deepEqual(nestedSchemasAt('roboflow_core/continue_if@v1', 'next_steps', [], {}), []);
    assert.deepEqual(nestedSchemasAt('__proto__', 'constructor', [], {}), []);
  });

  it('per-key operation lists of an aggregator: the operations under any key', () => {
    const text = document('{ "type": "roboflow_core/data_aggregator@v1", "name": "agg", "data": { "n": "$steps.det.predictions" }, "data_operations": { "n": [{ "type": "SequenceLe" }] }, "aggregation_mode": { "n": ["sum"] }, "interval": 1 }');
    assert.deepEqual(complete(text, after(text, '"SequenceLe')).map((i) => i.label), ['SequenceLength']);
  });

  it('each key is a snippet, and takes a comma when another property follows without one', () => {
    const text = document('{ "type": "roboflow_core/lmm@v1", "name": "lmm", "images": "$inputs.image", "prompt": "?", "lmm_type": "gpt_4v", "lmm_config": { "max" "other": 1 } }');
    const items = complete(text, after(text, '"max'));
    assert.deepEqual(items.map((i) => [i.label, i.insertText, i.snippet]), [
      ['max_tokens', '"max_tokens": ${1:0},', true],
      ['gpt_image_detail', '"gpt_image_detail": "${1|low,high,auto|}",', true],
      ['gpt_model_version', '"gpt_model_version": "$1",', true],
    ]);
  });

  it('a step-level property with a nested enum keeps its default marked, as other fields do', () => {
    const text = document('{ "type": "roboflow_core/detections_consensus@v1", "name": "c", "predictions_batches": [], "required_votes": 1, "presence_confidence_aggregation": "" }');
    const items = complete(text, after(text, '"presence_confidence_aggregation": "'));
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['average', undefined], ['max', 'default'], ['min', undefined]]);
  });

  it('offers nothing nested outside a step, or in a second `steps` list the model does not read', () => {
    const gateStep = '{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "" }, "evaluation_parameters": {}, "next_steps": [] }';
    const inInput = `{ "version": "1.0", "inputs": [{ "type": "WorkflowParameter", "name": "p", "condition_statement": { "type": "" } }], "steps": [${gateStep}], "outputs": [] }`;
    assert.deepEqual(complete(inInput, after(inInput, '"condition_statement": { "type": "')), []);
    const twice = `{ "version": "1.0", "inputs": [], "steps": [], "outputs": [], "steps": [${gateStep}] }`;
    assert.deepEqual(complete(twice, after(twice, '"condition_statement": { "type": "')), []);
  });

  it('reads a value that is not an object (null, a list) as naming no branch', () => {
    const all = nestedSchemasAt('roboflow_core/continue_if@v1', 'condition_statement', ['statements', 0], null);
    assert.deepEqual(all.map((s) => s.properties?.type?.const), ['BinaryStatement', 'UnaryStatement', 'StatementGroup']);
    assert.equal(nestedSchemasAt('roboflow_core/continue_if@v1', 'condition_statement', ['statements', 0], { statements: 'x' }).length, 3);
  });

  it('starts a new value shaped like its schema', () => {
    assert.deepEqual(
      [
        [{ type: 'array' }],
        [{ type: 'object' }],
        [{ type: 'integer' }],
        [{ type: 'number' }],
        [{ type: 'string' }],
        [{}],
        [{ enum: ['a', 'b|c'] }],
        [{ type: 'boolean' }],
        [{ enum: ['a'] }, { type: 'boolean' }],
        [{ type: 'object', properties: { type: { const: 'A' } } }, { type: 'null' }],
        [{ type: 'object', properties: { type: { const: 'A$}' } } }],
        [],
      ].map(nestedValueSnippet),
      ['[$1]', '{$1}', '${1:0}', '${1:0}', '"$1"', '$1', '"${1|a,b\\|c|}"', '${1|true,false|}', '${1|"a",true,false|}', '{$1}', '{ "type": "A\\$\\}"$0 }', '$1'],
    );
  });

  it('lists the keys of every shape the object may have, once, required in any of them first', () => {
    const site = { range: { offset: 0, length: 0 }, withValue: false, needsComma: false };
    const items = nestedKeyCompletions([{ properties: { a: {}, b: {} } }, { properties: { b: {}, c: {} }, required: ['c'] }], () => [], new Set(['a']), site);
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.sortText]), [
      ['c', 'required', '00000'],
      ['b', 'optional', '00001'],
    ]);
  });
});

describe('hovers inside nested property schemas', () => {
  const hover = (text: string, marker: string) => {
    const catalog = freshCatalog();
    return hoverAt(validateWorkflow(text, catalog).model!, catalog, text.indexOf(marker) + 2, [])?.markdown;
  };
  const gate = document(
    '{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "operator": "and", "statements": [{ "type": "BinaryStatement", "left_operand": { "type": "DynamicOperand", "operand_name": "dets" }, "comparator": { "type": "==" }, "right_operand": { "type": "StaticOperand", "value": 1 }, "negate": false, "nope": 1 }] }, "evaluation_parameters": {}, "next_steps": [] }',
  );

  it('says whether the structure requires a key, and what it takes: a union by its types, an enum, a JSON type', () => {
    assert.equal(hover(gate, '"statements"'), '**`statements`** in `condition_statement`: required; takes a list.');
    assert.equal(hover(gate, '"operator"'), '**`operator`** in `condition_statement`: optional; takes one of `and`, `or`.');
    assert.equal(hover(gate, '"left_operand"'), '**`left_operand`** in `condition_statement`: required; takes an object whose `type` is one of `StaticOperand`, `DynamicOperand`.');
    assert.equal(hover(gate, '"negate"'), '**`negate`** in `condition_statement`: optional; takes `true` or `false`.');
    assert.equal(hover(gate, '"value"'), '**`value`** in `condition_statement`: required; takes any value.');
  });

  it('lists a long union in part, with its size', () => {
    assert.equal(
      hover(gate, '"comparator"'),
      `**\`comparator\`** in \`condition_statement\`: required; takes an object whose \`type\` is one of ${COMPARATORS.map((c) => `\`${c}\``).join(', ')}.`,
    );
    const pipeline = document('{ "type": "roboflow_core/property_definition@v1", "name": "prop", "data": "$steps.det.predictions", "operations": [{ "type": "SequenceLength", "extra": [] }] }');
    assert.equal(hover(pipeline, '"extra"'), undefined);
  });

  it('a structure of one shape by its `type`, a long enum in part, a union of JSON types joined', () => {
    const switchStep = document('{ "type": "roboflow_core/expression@v1", "name": "expr", "data": {}, "switch": { "type": "CasesDefinition", "cases": [{ "type": "CaseDefinition", "condition": {}, "result": {} }], "default": {} } }');
    assert.equal(hover(switchStep, '"condition"'), '**`condition`** in `switch`: required; takes an object whose `type` is `StatementGroup`.');
    const pipeline = document('{ "type": "roboflow_core/property_definition@v1", "name": "prop", "data": "$steps.det.predictions", "operations": [{ "type": "DetectionsPropertyExtract", "property_name": "class_name" }, { "type": "Divide", "other": 2 }] }');
    const extract = hover(pipeline, '"property_name"')!;
    assert.ok(extract.startsWith('**`property_name`** in `operations`: required; takes one of `confidence`, `class_name`, `x_min`,'), extract);
    assert.ok(extract.endsWith(', … (31 in all).'), extract);
    assert.equal(extract.split('`, `').length, 16);
    assert.equal(hover(pipeline, '"other"'), '**`other`** in `operations`: required; takes an integer or a number.');
  });

  it('in a statement with no `type` yet: required if any kind of statement requires it, known if any has it', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [{ "operand": {}, "negate": true }] }, "evaluation_parameters": {}, "next_steps": [] }');
    assert.equal(hover(text, '"operand"'), '**`operand`** in `condition_statement`: required; takes an object whose `type` is one of `StaticOperand`, `DynamicOperand`.');
    assert.equal(hover(text, '"negate"'), '**`negate`** in `condition_statement`: optional; takes `true` or `false`.');
  });

  it('a key of the user\'s own (a per-key operations map) is neither required nor optional', () => {
    const text = document('{ "type": "roboflow_core/data_aggregator@v1", "name": "agg", "data": { "n": "$steps.det.predictions" }, "data_operations": { "n": [] }, "aggregation_mode": { "n": ["sum"] }, "interval": 1 }');
    const at = text.indexOf('"data_operations": { "n"') + '"data_operations": { '.length;
    const catalog = freshCatalog();
    assert.equal(hoverAt(validateWorkflow(text, catalog).model!, catalog, at + 1, [])?.markdown, '**`n`** in `data_operations`: takes a list.');
  });

  it('reads a property written twice as the copy under the pointer', () => {
    const text = document('{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": {}, "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "UnaryStatement", "negate": true }] }, "evaluation_parameters": {}, "next_steps": [] }');
    assert.equal(hover(text, '"negate"'), '**`negate`** in `condition_statement`: optional; takes `true` or `false`.');
  });

  it('says nothing for a key the structure does not know, or outside a nested property', () => {
    assert.equal(hover(gate, '"nope"'), undefined);
    assert.equal(hover(gate, '"dets"'), undefined);
    assert.match(hover(gate, '"evaluation_parameters"')!, /^\*\*evaluation_parameters\*\* of Continue If/);
  });
});
