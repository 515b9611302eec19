// What the preview asks for before a run (core/preview/form.ts): one control per input, with its
// default and bounds, and the credentials the run must supply, grouped by input.
import assert from 'node:assert/strict';
import { previewForm } from '../../src/core/preview/form';
import { analysisOf, gpt } from '../support/securitySteps';

describe('preview form: credentials', () => {
  it('lists each step reading a credential input once, in order of first use', () => {
    const form = previewForm(analysisOf([gpt('$inputs.openai_key', 'first'), gpt('$inputs.openai_key', 'second')], [{ type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] }]));
    assert.deepEqual(
      form.credentials.map((c) => [c.name, c.provider, c.steps, c.route.provider?.id]),
      [['openai_key', 'OpenAI', ['first', 'second'], 'openai']],
    );

    const sms = { type: 'roboflow_core/twilio_sms_notification@v2', name: 'sms', receiver_number: '+15550100', message: 'm', sms_provider: 'Custom Twilio', twilio_account_sid: '$inputs.twilio', twilio_auth_token: '$inputs.twilio' };
    const twice = previewForm(analysisOf([sms], [{ type: 'WorkflowParameter', name: 'twilio', kind: ['secret'] }]));
    assert.deepEqual(
      twice.credentials.map((c) => [c.name, c.provider, c.steps]),
      [['twilio', 'Twilio', ['sms']]],
    );
  });

  it('says which credential inputs have a default the server falls back to (null is no default)', () => {
    const form = previewForm(
      analysisOf(
        [gpt('$inputs.with_default', 'a'), gpt('$inputs.null_default', 'b'), gpt('$inputs.no_default', 'c'), gpt('$inputs.undeclared', 'd')],
        [
          { type: 'WorkflowParameter', name: 'with_default', kind: ['secret'], default_value: 'YOUR_API_KEY' },
          { type: 'WorkflowParameter', name: 'null_default', kind: ['secret'], default_value: null },
          { type: 'WorkflowParameter', name: 'no_default', kind: ['secret'] },
          { type: 'WorkflowParameter', name: 'unread_with_default', kind: ['secret'], default_value: 'YOUR_TOKEN' },
          { type: 'WorkflowParameter', name: 'unread_null_default', kind: ['secret'], default_value: null },
        ],
      ),
    );
    assert.deepEqual(
      form.credentials.map((c) => [c.name, c.provider, c.hasDefault]),
      [
        ['with_default', 'OpenAI', true],
        ['null_default', 'OpenAI', false],
        ['no_default', 'OpenAI', false],
        ['undeclared', 'OpenAI', false],
        ['unread_with_default', 'Secret input', true],
        ['unread_null_default', 'Secret input', false],
      ],
    );
  });

  it('keeps every input with a secret kind out of the form, even beside other kinds', () => {
    const form = previewForm(
      analysisOf([], [
        { type: 'WorkflowParameter', name: 'mixed', kind: ['string', 'secret'] },
        { type: 'WorkflowParameter', name: 'roboflow_key', kind: ['roboflow_api_key'] },
        { type: 'WorkflowParameter', name: 'label', kind: ['string'] },
      ]),
    );
    assert.deepEqual(form.credentials.map((c) => [c.name, c.provider, c.steps, c.route.typed?.kind]), [
      ['mixed', 'Secret input', [], 'unused'],
      ['roboflow_key', 'Secret input', [], 'unused'],
    ]);
    assert.deepEqual(form.inputs.map((f) => f.name), ['image', 'label']);
  });
});

describe('preview form: parameter controls', () => {
  it('prefills a default and sets bounds only when the input has them', () => {
    const form = previewForm(
      analysisOf([], [
        { type: 'WorkflowParameter', name: 'plain' },
        { type: 'WorkflowParameter', name: 'nothing', default_value: null },
        { type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'], default_value: 0.4 },
        { type: 'WorkflowParameter', name: 'classes', kind: ['list_of_values'], default_value: ['cat', 'dog'] },
      ]),
    );
    assert.deepEqual(form.inputs, [
      { kind: 'image', name: 'image' },
      { kind: 'parameter', name: 'plain', control: 'text', kinds: ['*'], hasDefault: false },
      { kind: 'parameter', name: 'nothing', control: 'text', kinds: ['*'], defaultValue: null, hasDefault: false },
      { kind: 'parameter', name: 'confidence', control: 'number', kinds: ['float_zero_to_one'], defaultValue: 0.4, hasDefault: true, min: 0, max: 1 },
      { kind: 'parameter', name: 'classes', control: 'json', kinds: ['list_of_values'], defaultValue: ['cat', 'dog'], hasDefault: true },
    ]);
    assert.deepEqual(form.credentials, []);
  });

  it('gives batch inputs and video metadata a JSON box, whatever kinds they declare', () => {
    const form = previewForm(
      analysisOf([], [
        { type: 'WorkflowBatchInput', name: 'batch' },
        { type: 'WorkflowBatchInput', name: 'scores', kind: ['float_zero_to_one'] },
        { type: 'WorkflowVideoMetadata', name: 'video' },
        { type: 'WorkflowVideoMetadata', name: 'labelled_video', kind: ['string'] },
      ]),
    );
    assert.deepEqual(form.inputs, [
      { kind: 'image', name: 'image' },
      { kind: 'parameter', name: 'batch', control: 'json', kinds: ['*'], hasDefault: false },
      { kind: 'parameter', name: 'scores', control: 'json', kinds: ['float_zero_to_one'], hasDefault: false },
      { kind: 'parameter', name: 'video', control: 'json', kinds: ['video_metadata'], hasDefault: false },
      { kind: 'parameter', name: 'labelled_video', control: 'json', kinds: ['string'], hasDefault: false },
    ]);
  });
});
