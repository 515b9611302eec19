import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { repoRoot } from '../support/repoRoot';
import { findLeak } from '../support/secretLeaks';
import { workflowText } from '../support/workflowText';

const CLI = path.join(repoRoot(), 'cli/dist/cli.js');
const CANARY = 'sk-CANARY-cli-1f2e3d4c5b6a79880011223344556677';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ROBOFLOW_API_KEY: '', ROBOFLOW_WORKFLOWS_SECRET_VARS: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('command-line linter', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfw-cli-'));
    fs.writeFileSync(path.join(dir, 'clean.workflow.json'), workflowText());
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested/broken.workflow.json'), workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det.predictionz' }] }));
    fs.writeFileSync(
      path.join(dir, 'nested/secret.json'),
      workflowText({ steps: [{ type: 'roboflow_core/open_ai@v4', name: 'gpt', images: '$inputs.image', task_type: 'caption', api_key: CANARY }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.gpt.output' }] }),
    );
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "not-a-workflow"}');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with no output lines for clean workflows', () => {
    const { code, stdout, stderr } = run(['lint', 'clean.workflow.json'], dir);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.equal(stderr, '1 workflow checked: 0 errors, 0 warnings.\n');
  });

  it('prints compiler-style lines and exits 1 on errors, skipping non-workflow JSON found by globs', () => {
    const { code, stdout } = run(['lint', '**/*.json'], dir);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.includes("nested/broken.workflow.json:21:31 error unknown-step-output Step 'det' (Object Detection Model) has no output 'predictionz'; its outputs are 'inference_id', 'predictions', 'model_id'. Did you mean 'predictions'?"), stdout);
    assert.ok(lines.some((l) => /^nested\/secret\.json:\d+:\d+ error literal-secret /.test(l)), stdout);
    assert.ok(!stdout.includes('package.json'));
  });

  it('writes JSON and SARIF (GitHub code scanning) without ever printing a secret', () => {
    const json = run(['lint', '--format', 'json', 'nested/secret.json'], dir);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout) as { file: string; findings: { code: string; line: number }[] }[];
    assert.equal(parsed[0].file, 'nested/secret.json');
    assert.ok(parsed[0].findings.some((f) => f.code === 'literal-secret'));

    const sarif = run(['lint', '--format=sarif', 'nested/secret.json', 'nested/broken.workflow.json'], dir);
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    assert.ok(results.some((r) => r.ruleId === 'literal-secret' && r.level === 'error' && r.locations[0].physicalLocation.artifactLocation.uri === 'nested/secret.json'));
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    assert.ok(rules.some((r) => r.id === 'unknown-step-output'));

    for (const output of [json, sarif, run(['lint', 'nested/secret.json'], dir)]) {
      assert.ok(!output.stdout.includes(CANARY) && !output.stderr.includes(CANARY), 'the linter printed the secret');
      assert.ok(!output.stdout.includes('CANARY'), 'the linter printed part of the secret');
    }
  });

  it('reports a block newer than the catalog as a warning (exit 0), in text and SARIF; --quiet leaves it out', () => {
    const family = 'roboflow_core/open_ai';
    const newer = `${family}@v${Math.max(...bundledCatalog().typeIds.filter((id) => id.startsWith(`${family}@v`)).map((id) => Number(id.split('@v')[1]))) + 1}`;
    fs.writeFileSync(
      path.join(dir, 'newer.workflow.json'),
      workflowText({ steps: [{ type: newer, name: 'gpt', images: '$inputs.image', brand_new_field: 1 }], outputs: [{ type: 'JsonField', name: 'o', selector: '$steps.gpt.brand_new_output' }] }),
    );
    const text = run(['lint', 'newer.workflow.json'], dir);
    assert.equal(text.code, 0);
    // The step is analysed as the newest known open_ai: without an api_key it runs on a managed key (information).
    const lines = text.stdout.trim().split('\n').filter((line) => !/ information managed-key /.test(line));
    assert.equal(lines.length, 1, text.stdout);
    assert.match(lines[0], new RegExp(`^newer\\.workflow\\.json:\\d+:\\d+ warning block-newer-than-catalog '${newer}' is newer than the block catalog \\(`));
    assert.equal(text.stderr, '1 workflow checked: 0 errors, 1 warning.\n');
    assert.equal(run(['lint', 'newer.workflow.json', 'nested/broken.workflow.json'], dir).stderr, '2 workflows checked: 1 error, 1 warning.\n');

    const sarif = JSON.parse(run(['lint', '--format', 'sarif', 'newer.workflow.json'], dir).stdout);
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]), [['block-newer-than-catalog', 'warning'], ['managed-key', 'note']]);
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'block-newer-than-catalog'));

    const quiet = run(['lint', '--quiet', 'newer.workflow.json'], dir);
    assert.deepEqual([quiet.code, quiet.stdout], [0, '']);
  });

  it('exits 2 for usage and I/O problems', () => {
    const none = run([], dir);
    assert.deepEqual([none.code, none.stdout], [2, '']);
    assert.match(none.stderr, /^roboflow-workflows: No command given\.\n\nUsage: roboflow-workflows lint /);
    assert.equal(run(['lint'], dir).code, 2);
    assert.equal(run(['lint', '--format', 'xml', 'clean.workflow.json'], dir).code, 2);
    const missing = run(['lint', 'nope.workflow.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read `nope\.workflow\.json`: no such file/);
    assert.equal(run(['frobnicate'], dir).code, 2);
    const help = run(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: roboflow-workflows lint /);
  });

  it('exits 2 when a glob or a folder holds no workflow, saying why', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'config/settings.json'), '{"steps": 3}');
    const cases: [string[], string][] = [
      [['empty'], 'No JSON files in `empty`.'],
      [['config/'], 'No workflows in `config/`: its 1 JSON file is not a workflow.'],
      [['*.yaml'], 'No files match `*.yaml`.'],
      [['config/*'], 'No workflows match `config/*`: the 1 file it matches is not a workflow.'],
      [['package.json', '*.md', 'config/*.json'], 'No files match `*.md`.'],
    ];
    for (const [patterns, message] of cases) {
      const result = run(['lint', ...patterns], dir);
      assert.equal(result.code, 2, patterns.join(' '));
      assert.ok(result.stderr.split('\n').includes(`roboflow-workflows: ${message}`), result.stderr);
    }
    // A folder that holds a workflow passes even beside one that does not.
    const mixed = run(['lint', 'config', '.'], dir);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /^roboflow-workflows: No workflows in `config`: its 1 JSON file is not a workflow\.\n[^\n]*workflows checked/);
    assert.equal(run(['lint', 'nested'], dir).code, 1);
  });

  it('reports an empty or blank file as an error', () => {
    fs.writeFileSync(path.join(dir, 'empty.workflow.json'), '');
    fs.writeFileSync(path.join(dir, 'blank.workflow.json'), ' \n\t\n');
    const message = "error json-syntax The file is empty. A workflow definition is a JSON object with 'version', 'inputs', 'steps' and 'outputs'.";
    for (const file of ['empty.workflow.json', 'blank.workflow.json']) {
      const result = run(['lint', file], dir);
      assert.deepEqual([result.code, result.stdout, result.stderr], [1, `${file}:1:1 ${message}\n`, '1 workflow checked: 1 error, 0 warnings.\n']);
    }
    const glob = run(['lint', '--quiet', '--format', 'json', '*.workflow.json'], dir);
    assert.equal(glob.code, 1);
    const files = (JSON.parse(glob.stdout) as { file: string; findings: { code: string }[] }[]).filter((r) => r.findings.length);
    assert.deepEqual(files.map((r) => [r.file, r.findings.map((f) => f.code)]), [['blank.workflow.json', ['json-syntax']], ['empty.workflow.json', ['json-syntax']]]);
    fs.rmSync(path.join(dir, 'empty.workflow.json'));
    fs.rmSync(path.join(dir, 'blank.workflow.json'));
  });

  it('gives SARIF locations relative to the working directory through %SRCROOT%, absolute outside it', () => {
    const cwd = fs.realpathSync(dir);
    fs.mkdirSync(path.join(dir, 'my flows'));
    fs.copyFileSync(path.join(dir, 'nested/broken.workflow.json'), path.join(dir, 'my flows/a#1.workflow.json'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rfw-cli-outside-'));
    fs.copyFileSync(path.join(dir, 'nested/broken.workflow.json'), path.join(outside, 'far.workflow.json'));
    try {
      const args = ['lint', '--format', 'sarif', 'nested/broken.workflow.json', path.join(cwd, 'my flows/a#1.workflow.json'), './nested/../clean.workflow.json', path.join(outside, 'far.workflow.json'), 'newer.workflow.json'];
      const sarif = JSON.parse(run(args, dir).stdout);
      assert.deepEqual(sarif.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href}/` } });
      const locations = (sarif.runs[0].results as { locations: { physicalLocation: { artifactLocation: unknown } }[] }[]).map((r) => r.locations[0].physicalLocation.artifactLocation);
      assert.deepEqual(
        [...new Map(locations.map((l) => [JSON.stringify(l), l])).values()],
        [
          { uri: 'nested/broken.workflow.json', uriBaseId: '%SRCROOT%' },
          { uri: 'my%20flows/a%231.workflow.json', uriBaseId: '%SRCROOT%' },
          { uri: pathToFileURL(path.join(fs.realpathSync(outside), 'far.workflow.json')).href },
          { uri: 'newer.workflow.json', uriBaseId: '%SRCROOT%' },
        ],
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(path.join(dir, 'my flows'), { recursive: true, force: true });
    }
  });

  describe('secrets in any field never reach the output', () => {
    const NUMBER_KEY = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLl';
    const URL_TOKEN = 'Zq81LmPw0xYtR5v2';
    const BEARER = 'a1B2c3D4e5F6g7H8i9J0';
    const DEFAULT = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const ROBOFLOW_KEY = 'Qh7LsW2pX9nR4tY8kZ1m'; // no shape: known only from the environment
    const SECRETS = [NUMBER_KEY, URL_TOKEN, BEARER, DEFAULT, ROBOFLOW_KEY];
    let secretDir: string;
    before(() => {
      secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfw-cli-secrets-'));
      const text = JSON.stringify(
        {
          version: '1.0',
          inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'token', default_value: DEFAULT }],
          steps: [
            { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640', confidence: NUMBER_KEY, iou_threshold: ROBOFLOW_KEY },
            { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: `https://h.example/in?token=${URL_TOKEN}`, json_payload: { headers: { Authorization: `Bearer ${BEARER}` }, key: ROBOFLOW_KEY } },
          ],
          outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det.predictions' }],
        },
        null,
        2,
      );
      fs.writeFileSync(path.join(secretDir, 'leaky.workflow.json'), text);
    });
    after(() => fs.rmSync(secretDir, { recursive: true, force: true }));

    for (const format of ['text', 'json', 'sarif']) {
      it(`${format}: each shaped one is an error, and none is printed`, () => {
        const { code, stdout, stderr } = run(['lint', '--format', format, 'leaky.workflow.json'], secretDir);
        assert.equal(code, 1);
        for (const secret of SECRETS) assert.equal(findLeak(stdout + stderr, secret), undefined, `${secret} printed:\n${stdout}`);
        const literal = stdout.split('literal-secret').length - 1;
        // text/json name the code once per finding; SARIF also once in its rules. The Roboflow key
        // has no shape: without the environment, four of the five are recognised.
        assert.equal(literal - (format === 'sarif' ? 1 : 0), 4, stdout);
      });
    }

    it('a key known from the environment is an error wherever it is written, and never printed', () => {
      const { code, stdout } = run(['lint', '--format', 'json', 'leaky.workflow.json'], secretDir, { MY_KEY: ROBOFLOW_KEY, ROBOFLOW_WORKFLOWS_SECRET_VARS: 'MY_KEY' });
      assert.equal(code, 1);
      assert.equal(findLeak(stdout, ROBOFLOW_KEY), undefined);
      const messages = (JSON.parse(stdout) as { findings: { code: string; message: string }[] }[])[0].findings.filter((f) => f.code === 'literal-secret').map((f) => f.message.split(':')[0]);
      assert.ok(messages.includes('A credential stored in your SecretStorage is written in step `hook`, `json_payload.key`'), messages.join('\n'));
      assert.ok(messages.includes('A credential stored in your SecretStorage is written in step `det`, `iou_threshold`'), messages.join('\n'));
    });
  });
});
