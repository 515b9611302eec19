import assert from 'node:assert/strict';
import type { ErrorObject } from 'ajv';
import { hasNestedSchema } from '../../src/core/schema/stepSchemas';
import { problemText } from '../../src/core/validate/nestedValues';
import { findingRows, fixRows, visibleFindings } from '../support/findingViews';
import { ALWAYS_TRUE } from '../support/conditions';
import { DETECTION_STEP, workflowText } from '../support/workflowText';

/**
 * Values inside properties with the engine's nested schemas (the query language, operation
 * pipelines, `lmm_config`): what the user reads, and what is underlined. The engine's verdicts on the
 * same kinds of values are checked in test/engine/nestedValues.engine.test.ts.
 */

type Json = Record<string, unknown>;
const OUTPUT = (step: string) => [{ type: 'JsonField', name: 'out', selector: `$steps.${step}.*` }];
const text = (step: Json) => workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'key' }], steps: [DETECTION_STEP, step], outputs: OUTPUT(String(step.name)) });

const binary = (over: Json = {}): Json => ({
  type: 'BinaryStatement',
  left_operand: { type: 'DynamicOperand', operand_name: 'dets' },
  comparator: { type: '(Number) >' },
  right_operand: { type: 'StaticOperand', value: 0 },
  ...over,
});
const gate = (condition: unknown): Json => ({ type: 'roboflow_core/continue_if@v1', name: 'gate', condition_statement: condition, evaluation_parameters: { dets: '$steps.det.predictions' }, next_steps: [] });
const property = (operations: unknown): Json => ({ type: 'roboflow_core/property_definition@v1', name: 'prop', data: '$steps.det.predictions', operations });
const lmm = (config: unknown): Json => ({ type: 'roboflow_core/lmm@v1', name: 'lmm', images: '$inputs.image', prompt: 'What?', lmm_type: 'gpt_4v', remote_api_key: '$inputs.key', lmm_config: config });
const aggregator = (operations: unknown): Json => ({ type: 'roboflow_core/data_aggregator@v1', name: 'agg', data: { count: '$steps.det.predictions' }, data_operations: operations, aggregation_mode: { count: ['sum'] }, interval: 10 });

const COMPARATORS = '`in (Sequence)`, `all in (Sequence)`, `any in (Sequence)`, `(String) contains`, `(String) endsWith`, `(String) startsWith`, `(Number) in range`, `(Number) <=`, `(Number) <`, `(Number) >=`, `(Number) >`, `(Number) !=`, `!=`, `(Number) ==`, `==`, `(Detection) in zone`';

describe('nested property values: what the user reads and where', () => {
  it('knows which properties the engine checks inside, and no others', () => {
    assert.deepEqual(
      [
        ['roboflow_core/continue_if@v1', 'condition_statement'],
        ['roboflow_core/lmm@v1', 'lmm_config'],
        ['roboflow_core/expression@v1', 'switch'],
        ['roboflow_core/continue_if@v1', 'next_steps'],
        ['roboflow_core/lmm@v1', 'prompt'],
        ['roboflow_core/no_such_block@v1', 'lmm_config'],
      ].map(([type, name]) => hasNestedSchema(type, name)),
      [true, true, true, false, false, false],
    );
  });

  it('a condition group with no statements: "needs at least 1 item", on the empty list', () => {
    assert.deepEqual(findingRows(text(gate({ type: 'StatementGroup', statements: [] }))), [
      ['invalid-value', 'error', '`statements` in `condition_statement` of Continue If step `gate` needs at least 1 item.', '[]'],
    ]);
  });

  it('a comparator the language does not have: every comparator listed, on the `type` written, with the nearest as the fix', () => {
    const t = text(gate({ type: 'StatementGroup', statements: [binary({ comparator: { type: '=' } })] }));
    const [finding] = visibleFindings(t);
    assert.deepEqual(findingRows(t), [
      ['invalid-value', 'error', `\`statements[0].comparator.type\` in \`condition_statement\` of Continue If step \`gate\` takes one of ${COMPARATORS}, not the string "=". Did you mean "!="?`, '"="'],
    ]);
    assert.deepEqual(
      fixRows(t, finding).map(([title, fixed]) => [title, JSON.parse(fixed).steps[1].condition_statement.statements[0].comparator.type]),
      [
        ['Change to !=', '!='],
        ['Change to ==', '=='],
        ['Change to (Number) <', '(Number) <'],
      ],
    );
  });

  it('a list of more than 16 values to choose from is cut short, with their number', () => {
    const [row] = findingRows(text(property([{ type: 'SequenceLenght' }])));
    assert.equal(
      row[2],
      '`[0].type` in `operations` of Property Definition step `prop` takes one of `StringToLowerCase`, `StringToUpperCase`, `LookupTable`, `ToNumber`, `NumberRound`, `SequenceMap`, `SequenceApply`, `NumericSequenceAggregate`, `ToString`, `ToBoolean`, `StringSubSequence`, `DetectionsPropertyExtract`, `SequenceAggregate`, `ExtractDetectionProperty`, `DetectionsFilter`, `DetectionsOffset`, … (36 in all), not the string "SequenceLenght". Did you mean "SequenceLength"?',
    );
    assert.equal(row[3], '"SequenceLenght"');
  });

  it('a missing key: named, on the object\'s `type`; on its key when it has no `type`; on its brace in a list', () => {
    assert.deepEqual(findingRows(text(property([{ type: 'DetectionsPropertyExtract' }]))), [
      ['invalid-value', 'error', '`[0]` in `operations` of Property Definition step `prop` is missing `property_name`.', '"DetectionsPropertyExtract"'],
    ]);
    assert.deepEqual(findingRows(text(gate({ statements: [binary()] }))), [
      ['invalid-value', 'error', '`condition_statement` of Continue If step `gate` is missing `type`.', '"condition_statement"'],
    ]);
    assert.deepEqual(findingRows(text(gate({ type: 'StatementGroup', statements: [{ left_operand: {} }] }))), [
      ['invalid-value', 'error', '`statements[0]` in `condition_statement` of Continue If step `gate` is missing `type`.', '{'],
    ]);
  });

  it('one error per place, each where it is', () => {
    assert.deepEqual(findingRows(text(lmm({ max_tokens: 'many', gpt_image_detail: 'hi' }))), [
      ['invalid-value', 'error', '`max_tokens` in `lmm_config` of LMM step `lmm` takes an integer, not the string "many".', '"many"'],
      ['invalid-value', 'error', '`gpt_image_detail` in `lmm_config` of LMM step `lmm` takes one of `low`, `high`, `auto`, not the string "hi". Did you mean "high"?', '"hi"'],
    ]);
  });

  it('a value either of two types would do: both named, once', () => {
    assert.deepEqual(findingRows(text(property([{ type: 'Divide', other: 'half' }]))), [
      ['invalid-value', 'error', '`[0].other` in `operations` of Property Definition step `prop` takes an integer or a number, not the string "half".', '"half"'],
    ]);
  });

  it('a number outside its bounds', () => {
    assert.deepEqual(
      findingRows(text(property([{ type: 'ConvertImageToJPEG', compression_level: 0 }, { type: 'ConvertImageToJPEG', compression_level: 101 }]))).map((r) => r[2]),
      [
        '`[0].compression_level` in `operations` of Property Definition step `prop` takes a number at least 1, not number 0.',
        '`[1].compression_level` in `operations` of Property Definition step `prop` takes a number at most 100, not number 101.',
      ],
    );
  });

  it('a value the engine converts: a warning with the value it becomes as the fix, and no error', () => {
    const t = text(gate({ type: 'StatementGroup', statements: [binary({ negate: 'yes' })] }));
    const [finding] = visibleFindings(t);
    assert.deepEqual(findingRows(t), [
      ['value-converted', 'warning', '`statements[0].negate` in `condition_statement` of Continue If step `gate` is the string "yes"; the server converts it to true. Write true itself, so the file says what runs.', '"yes"'],
    ]);
    assert.deepEqual(
      fixRows(t, finding).map(([title, fixed]) => [title, JSON.parse(fixed).steps[1].condition_statement.statements[0].negate]),
      [['Change to true', true]],
    );
  });

  it('converts every convertible value, and still reports what no conversion mends', () => {
    assert.deepEqual(findingRows(text(property([{ type: 'DetectionsOffset', offset_x: '10', offset_y: '5' }, { type: 'Divide', other: '2' }, { type: 'NumberRound', decimal_digits: 'two' }]))), [
      ['value-converted', 'warning', '`[0].offset_x` in `operations` of Property Definition step `prop` is the string "10"; the server converts it to 10. Write 10 itself, so the file says what runs.', '"10"'],
      ['value-converted', 'warning', '`[0].offset_y` in `operations` of Property Definition step `prop` is the string "5"; the server converts it to 5. Write 5 itself, so the file says what runs.', '"5"'],
      ['value-converted', 'warning', '`[1].other` in `operations` of Property Definition step `prop` is the string "2"; the server converts it to 2. Write 2 itself, so the file says what runs.', '"2"'],
      ['invalid-value', 'error', '`[2].decimal_digits` in `operations` of Property Definition step `prop` takes an integer, not the string "two".', '"two"'],
    ]);
  });

  it('names keys that are not plain words as written, in brackets', () => {
    assert.deepEqual(
      findingRows(text(aggregator({ 'my count': [{ type: 'Nope' }], '2nd': [{ type: 'Nope' }], ok_key: [{ type: 'Nope' }] }))).map((r) => r[2].split(' in `data_operations`')[0]),
      ['`["my count"][0].type`', '`["2nd"][0].type`', '`ok_key[0].type`'],
    );
  });

  it('a value of the wrong JSON type for the whole property still says what the property takes', () => {
    assert.deepEqual(findingRows(text(gate('always'))), [
      ['invalid-value', 'error', '`condition_statement` of Continue If step `gate` takes an object, not the string "always".', '"always"'],
    ]);
  });

  it('accepts the query language as the engine does: nested groups, operations, a switch', () => {
    const steps = [
      gate({ type: 'StatementGroup', operator: 'and', statements: [ALWAYS_TRUE, binary({ left_operand: { type: 'DynamicOperand', operand_name: 'dets', operations: [{ type: 'SequenceLength' }] } })] }),
      property([{ type: 'DetectionsFilter', filter_operation: ALWAYS_TRUE }, { type: 'SequenceLength' }]),
      { type: 'roboflow_core/expression@v1', name: 'expr', data: { dets: '$steps.det.predictions' }, switch: { type: 'CasesDefinition', cases: [{ type: 'CaseDefinition', condition: ALWAYS_TRUE, result: { type: 'StaticCaseResult', value: 'yes' } }], default: { type: 'StaticCaseResult', value: 'no' } } },
    ];
    const t = workflowText({ inputs: [{ type: 'WorkflowImage', name: 'image' }], steps: [DETECTION_STEP, ...steps], outputs: [...OUTPUT('prop'), { type: 'JsonField', name: 'e', selector: '$steps.expr.output' }] });
    assert.deepEqual(findingRows(t), []);
  });

  it('names keys that end in digits as words, and indexes of two digits in brackets', () => {
    const many = Array.from({ length: 11 }, () => ALWAYS_TRUE);
    const [row] = findingRows(text(gate({ type: 'StatementGroup', statements: [...many, { type: 'Nope' }] })));
    assert.equal(row[2].split(' in `condition_statement`')[0], '`statements[11].type`');
    const [aggregatorRow] = findingRows(text(aggregator({ x1: [{ type: 'Nope' }] })));
    assert.equal(aggregatorRow[2].split(' in `data_operations`')[0], '`x1[0].type`');
  });

  it('a value of a nested property refused as a whole: its values in the structure\'s words, with the nearest as the fix', () => {
    const step = { type: 'roboflow_core/detections_consensus@v1', name: 'c', predictions_batches: ['$steps.det.predictions'], required_votes: 1, presence_confidence_aggregation: 'maxi' };
    const t = text(step);
    const [finding] = visibleFindings(t);
    assert.deepEqual(findingRows(t), [['invalid-value', 'error', '`presence_confidence_aggregation` of Detections Consensus step `c` takes one of `average`, `max`, `min`, not the string "maxi". Did you mean "max"?', '"maxi"']]);
    assert.deepEqual(fixRows(t, finding).map(([title]) => title), ['Change to max']);
  });

  it('reports another property\'s error as that property\'s, not inside the nested one', () => {
    assert.deepEqual(findingRows(text({ ...lmm({ max_tokens: 'many' }), prompt: 5 })).map((r) => r[2]), [
      '`prompt` of LMM step `lmm` takes a string, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind string), not number 5.',
      '`max_tokens` in `lmm_config` of LMM step `lmm` takes an integer, not the string "many".',
    ]);
  });
});

describe('nested property values: what is still wrong once values are converted', () => {
  it('keeps the error on the property itself and leaves other properties\' errors to them', () => {
    assert.deepEqual(findingRows(text({ ...gate({ statements: [binary({ negate: 'yes' })] }), next_steps: 5 })).map((r) => [r[0], r[2]]), [
      ['invalid-value', '`condition_statement` of Continue If step `gate` is missing `type`.'],
      ['value-converted', '`statements[0].negate` in `condition_statement` of Continue If step `gate` is the string "yes"; the server converts it to true. Write true itself, so the file says what runs.'],
      ['invalid-value', '`next_steps` of Continue If step `gate` takes a list of selectors `$steps.<step>`, not number 5.'],
    ]);
  });
});

describe('nested property values: the words for each kind of problem', () => {
  const error = (keyword: string, params: Record<string, unknown>, message = ''): ErrorObject => ({ keyword, params, message, instancePath: '/p/x', schemaPath: '#' });

  it('says how many items a list needs, in the plural beyond one', () => {
    assert.equal(problemText([error('minItems', { limit: 2 })], []), 'needs at least 2 items');
    assert.equal(problemText([error('minItems', { limit: 1 })], []), 'needs at least 1 item');
  });

  it('joins the types of a union, and names `null` and a type it has no words for as they are', () => {
    assert.equal(problemText([error('type', { type: 'integer,null' }), error('anyOf', {})], 'x'), 'takes an integer or `null`, not the string "x"');
    assert.equal(problemText([error('type', { type: 'bytes' })], 1), 'takes bytes, not number 1');
  });

  it('falls back on the validator\'s own words for a rule it has no words for', () => {
    assert.equal(problemText([error('pattern', { pattern: '^a' }, 'must match pattern "^a"')], 'b'), 'is refused: it must match pattern "^a"');
  });
});
