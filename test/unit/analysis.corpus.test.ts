import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { analyzeSecurity, SECURITY_CODES } from '../../src/core/analysis/findings';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { sharingAvailability } from '../../src/core/sharing/availability';
import { exportShareableDefinition } from '../../src/core/sharing/exportShareable';

// Real definitions from roboflow/inference's tests and docs, copied into the repository.
const CORPUS = path.resolve(__dirname, '../../../test/fixtures/corpus');
const catalog = bundledCatalog();

function read(file: string): string {
  return fs.readFileSync(path.join(CORPUS, file), 'utf8');
}

describe('analysis: real corpus definitions', () => {
  it('a classification of dog breeds uses a private model (run access offered, credentials not)', () => {
    const text = read('test_describe_outputs__VALID_WORKFLOW_DEFINITION.json');
    const analysis = analyzeWorkflowSecurity(text, catalog);
    assert.deepEqual(analysis.models.privateModels.map((u) => [u.stepName, u.modelId]), [['breds_classification', 'dog-breed-xpaq6/1']]);
    assert.equal(analysis.models.uses.find((u) => u.stepName === 'general_detection')?.visibility, 'public');
    const availability = sharingAvailability(analysis);
    assert.equal(availability.runAccess.available, true);
    assert.equal(availability.credentials.available, false);
    assert.deepEqual(analyzeSecurity(text, catalog).map((f) => f.code), [SECURITY_CODES.privateModel]);
  });

  it('a private model chosen by an input default is still private', () => {
    const analysis = analyzeWorkflowSecurity(read('test_workflow_with_ocr_detections_stitching_v2__WORKFLOW_STITCHING_OCR_DETECTIONS_OTSU.json'), catalog);
    assert.deepEqual(analysis.models.privateModels.map((u) => [u.source, u.inputName, u.modelId]), [['input-default', 'model_id', 'ocr-oy9a7/1']]);
  });

  it('OpenAI v1 with its key from an input, and a detection model decided at run time', () => {
    const text = read('test_workflow_with_openai__DESCRIPTION_WORKFLOW.json');
    const analysis = analyzeWorkflowSecurity(text, catalog);
    assert.deepEqual(
      analysis.credentials.uses.map((u) => [u.stepName, u.provider.name, u.field, u.source, u.inputName, u.inputDeclaredSecret]),
      [['open_ai', 'OpenAI', 'openai_api_key', 'input', 'open_ai_key', false]],
    );
    assert.deepEqual(analysis.models.decidedAtRunTime.map((u) => u.stepName), ['general_detection']);
    const availability = sharingAvailability(analysis);
    assert.equal(availability.runAccess.available, false);
    assert.match(availability.runAccess.reason, /decided at run time/);
    assert.equal(availability.credentials.available, true);
    assert.deepEqual(analyzeSecurity(text, catalog).map((f) => [f.code, f.severity]), [
      [SECURITY_CODES.modelDecidedAtRunTime, 'information'],
      [SECURITY_CODES.credentialInput, 'information'],
    ]);
  });

  it('Twilio with both credentials from inputs, and a public model from an input default', () => {
    const analysis = analyzeWorkflowSecurity(read('test_workflow_with_twillio_notification__WORKFLOW_SENDING_PREDICTION_SUMMARY.json'), catalog);
    assert.deepEqual(analysis.credentials.uses.map((u) => [u.field, u.source, u.secretName]), [
      ['twilio_account_sid', 'input', 'account_sid'],
      ['twilio_auth_token', 'input', 'auth_token'],
    ]);
    assert.deepEqual(analysis.models.uses.map((u) => [u.source, u.modelId, u.visibility]), [['input-default', 'yolov8n-640', 'public']]);
  });

  it('Slack token from an input', () => {
    const analysis = analyzeWorkflowSecurity(read('test_workflow_with_slack_notification__WORKFLOW_SENDING_PREDICTION_SUMMARY.json'), catalog);
    assert.deepEqual(analysis.credentials.credentialedSteps.map((s) => [s.stepName, s.provider.name, s.uses.map((u) => u.inputName)]), [['notification', 'Slack', ['slack_token']]]);
  });

  it('email v2 and Google Vision OCR without keys use Roboflow-managed accounts', () => {
    const email = analyzeWorkflowSecurity(read('sliced_image_with_email_message_params__JSON.json'), catalog);
    assert.deepEqual(
      email.credentials.uses.filter((u) => u.source !== 'not-needed').map((u) => [u.stepName, u.source, u.managedBy]),
      [['email_notification', 'managed-key', 'provider-setting']],
    );
    const ocr = analyzeWorkflowSecurity(read('test_workflow_with_google_vision_ocr__GOOGLE_VISION_OCR_PROXY_WORKFLOW.json'), catalog);
    assert.deepEqual(ocr.credentials.uses.map((u) => [u.provider.name, u.source, u.managedBy]), [['Google Vision', 'managed-key', 'block-default']]);
  });

  it('an enterprise OPC writer password from an input', () => {
    const analysis = analyzeWorkflowSecurity(read('test_workflow_with_opc_writer__WORKFLOW_OPC_WRITER_DIRECT_MODE.json'), catalog);
    assert.deepEqual(analysis.credentials.uses.filter((u) => u.source !== 'not-needed').map((u) => [u.provider.name, u.field, u.inputName]), [['OPC UA server', 'password', 'opc_password']]);
  });

  describe('every corpus definition', () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json') && f !== 'index.json');
    const known = new Set<string>(Object.values(SECURITY_CODES));

    it('has definitions to check', () => assert.ok(files.length > 100, `only ${files.length} corpus files`));

    it('analyses without throwing, with known codes, no errors and no warnings (the corpus holds no secrets)', () => {
      for (const file of files) {
        const findings = analyzeSecurity(read(file), catalog);
        for (const finding of findings) {
          assert.ok(known.has(finding.code), `${file}: ${finding.code}`);
          assert.equal(finding.severity, 'information', `${file}: ${finding.code} ${finding.message}`);
        }
        assert.ok(findings.filter((f) => f.code === SECURITY_CODES.modelDecidedAtRunTime).length <= 1, file);
      }
    });

    it('exports a shareable definition that parses and keeps every step', () => {
      for (const file of files) {
        const text = read(file);
        const analysis = analyzeWorkflowSecurity(text, catalog);
        if (!analysis.model) continue;
        const exported = exportShareableDefinition(text, catalog);
        const before = JSON.parse(text);
        const after = JSON.parse(exported.text);
        assert.equal(after.steps?.length, before.steps?.length, file);
        assert.equal(analyzeWorkflowSecurity(exported.text, catalog).credentials.literalSecrets.length, 0, file);
      }
    });
  });
});
