import assert from 'node:assert/strict';
import { applyTextEdits } from '../../src/core/text/jsonEdits';
import { sharingAvailability } from '../../src/core/sharing/availability';
import { SHARING_CODES } from '../../src/core/sharing/settings';
import { checkSharingFile } from '../../src/core/sharing/sidecar';
import { analysisOf, det, gpt } from '../support/securitySteps';




describe('sharing: availability', () => {
  it('offers run access only when a private model is detected', () => {
    const withPrivate = sharingAvailability(analysisOf([det('acme/3'), det('yolov8n-640', 'pub')]));
    assert.equal(withPrivate.runAccess.available, true);
    assert.deepEqual(withPrivate.runAccess.steps.map((s) => [s.stepName, s.detail]), [['det', 'acme/3']]);
    assert.match(withPrivate.runAccess.reason, /Step `det` uses model `acme\/3`, which looks private/);

    const publicOnly = sharingAvailability(analysisOf([det('yolov8n-640')]));
    assert.equal(publicOnly.runAccess.available, false);
    assert.match(publicOnly.runAccess.reason, /every model it uses is public/);

    const runTime = sharingAvailability(analysisOf([det('$inputs.m')], [{ type: 'WorkflowParameter', name: 'm' }]));
    assert.equal(runTime.runAccess.available, false);
    assert.match(runTime.runAccess.reason, /decided at run time/);
  });

  it('offers credentials only when a step needs credentials', () => {
    const withKey = sharingAvailability(analysisOf([gpt('$inputs.k')], [{ type: 'WorkflowParameter', name: 'k' }]));
    assert.equal(withKey.credentials.available, true);
    assert.deepEqual(withKey.credentials.steps.map((s) => [s.stepName, s.detail]), [['gpt', 'OpenAI']]);
    assert.match(withKey.credentials.reason, /Step `gpt` \(OpenAI\) needs credentials/);

    const optionalAbsent = sharingAvailability(
      analysisOf([{ type: 'roboflow_core/openai_compatible@v1', name: 'local', images: '$inputs.image', prompt: 'hi', base_url: 'http://localhost', model_name: 'm' }]),
    );
    assert.equal(optionalAbsent.credentials.available, false);
    assert.match(optionalAbsent.credentials.reason, /no step here does/);

    const none = sharingAvailability(analysisOf([det('acme/3')]));
    assert.equal(none.credentials.available, false);
  });

  it('words each reason for one step and for several, exactly as the palette and lenses show it', () => {
    const one = sharingAvailability(analysisOf([det('acme/3')])).runAccess;
    assert.deepEqual([one.reason, one.shortReason], [
      'Step `det` uses model `acme/3`, which looks private. By default people you share with run it under their own key, and cannot use it; with run access "owner-key" they run it under yours (usage counts against you; your key and model data stay private).',
      '',
    ]);
    const three = sharingAvailability(analysisOf([det('acme/3', 'a'), det('acme/4', 'b'), det('acme/3', 'c')])).runAccess;
    assert.match(three.reason, /^Steps `a`, `b` and `c` use models that look private \(`acme\/3` and `acme\/4`\)\. By default/);
    const runTime = sharingAvailability(analysisOf([det('$inputs.m', 'a'), det('$inputs.m', 'b')], [{ type: 'WorkflowParameter', name: 'm' }])).runAccess;
    assert.deepEqual([runTime.reason, runTime.shortReason, runTime.steps], [
      'Run access is offered only for workflows that use a private model: the models of `a` and `b` are decided at run time, by whoever runs it, with their own key.',
      'models chosen at run time',
      [],
    ]);
    const publicOnly = sharingAvailability(analysisOf([det('yolov8n-640')])).runAccess;
    assert.deepEqual([publicOnly.shortReason, publicOnly.steps], ['no private model', []]);

    const credentials = sharingAvailability(analysisOf([gpt('$inputs.k', 'a'), gpt('$inputs.k', 'b')], [{ type: 'WorkflowParameter', name: 'k' }])).credentials;
    assert.deepEqual([credentials.reason, credentials.shortReason], [
      'Steps `a` (OpenAI), `b` (OpenAI) need credentials. By default people you share with supply their own, as inputs; with credentials "owner-hidden" they run with yours, redacted from anything shown to them.',
      '',
    ]);
    const single = sharingAvailability(analysisOf([gpt('$inputs.k')], [{ type: 'WorkflowParameter', name: 'k' }])).credentials;
    assert.match(single.reason, /^Step `gpt` \(OpenAI\) needs credentials\. /);
    const none = sharingAvailability(analysisOf([det('acme/3')])).credentials;
    assert.deepEqual([none.shortReason, none.steps], ['no step needs credentials', []]);
  });

  it('counts managed-key steps as credentialed (their field is a credential field)', () => {
    const managed = sharingAvailability(analysisOf([{ type: 'roboflow_core/open_ai@v4', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' }]));
    assert.equal(managed.credentials.available, true);
  });
});

describe('sharing: sidecar findings', () => {
  let plain: ReturnType<typeof analysisOf>;
  let both: ReturnType<typeof analysisOf>;
  beforeEach(() => {
    plain = analysisOf([det('yolov8n-640')]);
    both = analysisOf([det('acme/3'), gpt('$inputs.k')], [{ type: 'WorkflowParameter', name: 'k' }]);
  });

  it('flags settings with no effect on the value, faded, with a removal fix', () => {
    const text = '{\n  "runAccess": "owner-key",\n  "credentials": "owner-hidden"\n}\n';
    const findings = checkSharingFile(text, plain);
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.unnecessary, text.slice(f.range.offset, f.range.offset + f.range.length)]), [
      [SHARING_CODES.noEffect, 'warning', true, '"owner-key"'],
      [SHARING_CODES.noEffect, 'warning', true, '"owner-hidden"'],
    ]);
    assert.match(findings[0].message, /^Run access "owner-key" has no effect on this workflow\. Run access is offered only/);
    const fixed = applyTextEdits(text, findings[0].fixes![0].edits);
    assert.deepEqual(JSON.parse(fixed), { credentials: 'owner-hidden' });
  });

  it('says nothing when the settings apply, or are the defaults', () => {
    assert.deepEqual(checkSharingFile('{ "runAccess": "owner-key", "credentials": "owner-hidden" }', both), []);
    assert.deepEqual(checkSharingFile('{ "runAccess": "own-key", "credentials": "user-provided" }', plain), []);
    assert.deepEqual(checkSharingFile(undefined, plain), []);
  });

  it('titles the removal fix, and offers none when the setting is written twice (removing by name would take the wrong copy)', () => {
    const once = checkSharingFile('{ "credentials": "owner-hidden" }', plain);
    assert.deepEqual(once[0].fixes!.map((f) => [f.title, f.preferred]), [['Remove the `credentials` setting', true]]);
    const twice = checkSharingFile('{ "credentials": "user-provided", "credentials": "owner-hidden" }', plain).find((f) => f.code === SHARING_CODES.noEffect)!;
    assert.equal(twice.fixes, undefined);
    assert.match(twice.message, /^Credentials "owner-hidden" has no effect on this workflow\. Credentials are offered only/);
  });

  it('includes the file\'s own problems', () => {
    assert.deepEqual(checkSharingFile('{ "runAccess": "all" }', both).map((f) => f.code), [SHARING_CODES.invalidValue]);
  });
});
