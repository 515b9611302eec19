import assert from 'node:assert/strict';
import { admits, describeTargets, INPUT_SELECTOR, looksLikeSelector, parseLooseSelector, parseSelector, STEP_OUTPUT_SELECTOR, STEP_SELECTOR, STEP_SELECTOR_PREFIX } from '../../src/core/selectors';

describe('selectors: the engine\'s grammar', () => {
  it('reads inputs, step outputs and steps, and nothing else', () => {
    assert.deepEqual(parseSelector('$inputs.image'), { kind: 'input', input: 'image' });
    assert.deepEqual(parseSelector('$inputs.my-model_2'), { kind: 'input', input: 'my-model_2' });
    assert.deepEqual(parseSelector('$steps.det.predictions'), { kind: 'step_output', step: 'det', output: 'predictions' });
    assert.deepEqual(parseSelector('$steps.det.*'), { kind: 'step_output', step: 'det', output: '*' });
    assert.deepEqual(parseSelector('$steps.crop-1'), { kind: 'step', step: 'crop-1' });
    for (const text of ['$inputs', '$inputs.', '$inputs.a.b', '$inputs.my model', '$steps', '$steps.', '$steps.a.b.c', '$steps.a.', '$step.a', 'inputs.a', ' $inputs.a', '$inputs.a ', '$inputsXa', '$outputs.a', '']) {
      assert.equal(parseSelector(text), undefined, JSON.stringify(text));
    }
  });

  it('anchors each pattern at both ends, except the flow-control prefix the engine leaves open', () => {
    assert.ok(INPUT_SELECTOR.test('$inputs.a') && !INPUT_SELECTOR.test('x$inputs.a') && !INPUT_SELECTOR.test('$inputs.a.'));
    assert.ok(STEP_SELECTOR.test('$steps.a') && !STEP_SELECTOR.test('$steps.a.b') && !STEP_SELECTOR.test('x$steps.a'));
    assert.ok(STEP_OUTPUT_SELECTOR.test('$steps.a.b') && !STEP_OUTPUT_SELECTOR.test('$steps.a.b.c') && !STEP_OUTPUT_SELECTOR.test('x$steps.a.b'));
    assert.ok(STEP_SELECTOR_PREFIX.test('$steps.a.b.c whatever') && !STEP_SELECTOR_PREFIX.test('x$steps.a'));
  });

  it('calls any string that starts with $ a selector, and nothing that is not a string', () => {
    assert.equal(looksLikeSelector('$anything at all'), true);
    assert.equal(looksLikeSelector('$'), true);
    assert.equal(looksLikeSelector('inputs.$a'), false);
    assert.equal(looksLikeSelector(''), false);
    assert.equal(looksLikeSelector(['$inputs.a']), false);
    assert.equal(looksLikeSelector(undefined), false);
  });
});

describe('selectors: how the compiler reads a loose `$…` string', () => {
  it('splits on dots alone', () => {
    assert.deepEqual(parseLooseSelector('$inputs.my model', 'step'), { kind: 'input', input: 'my model' });
    assert.deepEqual(parseLooseSelector('$steps.my step', 'output'), { kind: 'step', step: 'my step' });
    assert.deepEqual(parseLooseSelector('$steps.a b.c d', 'output'), { kind: 'step_output', step: 'a b', output: 'c d' });
  });

  it('in a step, takes the step from the second chunk and the output from the last; in an output, nothing', () => {
    assert.deepEqual(parseLooseSelector('$steps.det.x.y.predictions', 'step'), { kind: 'step_output', step: 'det', output: 'predictions' });
    assert.equal(parseLooseSelector('$steps.det.x.predictions', 'output'), undefined);
  });

  it('names nothing for other roots or chunk counts', () => {
    for (const text of ['$inputs', '$inputs.a.b', '$inputs.a.b.c', '$steps', '$outputs.a', '$outputs.a.b.c', '$input.a', 'steps.a.b']) {
      assert.equal(parseLooseSelector(text, 'step'), undefined, text);
    }
  });
});

describe('selectors: what a field admits', () => {
  const input = parseSelector('$inputs.a')!;
  const output = parseSelector('$steps.s.o')!;
  const step = parseSelector('$steps.s')!;

  it('matches each target to the selector shapes it takes', () => {
    const table = (['any_data', 'step_output', 'workflow_parameter', 'workflow_image', 'workflow_video_metadata', 'step'] as const).map((target) => [
      target,
      admits([target], input),
      admits([target], output),
      admits([target], step),
    ]);
    assert.deepEqual(table, [
      ['any_data', true, true, false],
      ['step_output', false, true, false],
      ['workflow_parameter', true, false, false],
      ['workflow_image', true, false, false],
      ['workflow_video_metadata', true, false, false],
      ['step', false, false, true],
    ]);
  });

  it('admits a selector when any target does, and none without targets', () => {
    assert.equal(admits(['step', 'workflow_image'], input), true);
    assert.equal(admits(['workflow_image', 'step'], step), true);
    assert.equal(admits([], input), false);
  });

  it('says how to write what a field accepts, each shape once, in order', () => {
    assert.equal(describeTargets(['any_data']), '`$inputs.<name>` or `$steps.<step>.<output>`');
    assert.equal(describeTargets(['step_output', 'workflow_image', 'any_data']), '`$steps.<step>.<output>` or `$inputs.<name>`');
    assert.equal(describeTargets(['step']), '`$steps.<step>`');
    assert.equal(describeTargets(['workflow_parameter', 'workflow_video_metadata']), '`$inputs.<name>`');
    assert.equal(describeTargets([]), '');
  });
});
