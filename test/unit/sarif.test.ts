import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { repoRoot } from '../support/repoRoot';

// GitHub code scanning rejects a SARIF file that breaks the standard's schema, and shows a result
// by its message and region. The linter's SARIF is checked against the official SARIF 2.1.0 schema
// (a copy: test/fixtures/sarif/README.md), and each result against the spot in the file it names.
interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Result {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }[];
}

describe('SARIF output', () => {
  const root = repoRoot();
  const examples = ['examples/mistakes.workflow.json', 'examples/hard-hats.workflow.json', 'examples/describe-scene.workflow.json', 'examples/people-counter.workflow.json'];
  let log: { version: string; runs: { results: Result[]; tool: { driver: { rules: { id: string }[] } } }[] };

  before(() => {
    const result = spawnSync(process.execPath, [path.join(root, 'cli/dist/cli.js'), 'lint', '--format', 'sarif', ...examples], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ROBOFLOW_API_KEY: '', ROBOFLOW_WORKFLOWS_SECRET_VARS: '' },
    });
    assert.equal(result.status, 1, result.stderr);
    log = JSON.parse(result.stdout);
  });

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema's language-tag pattern is not valid as a Unicode regular expression (a stray `]`).
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    // A schema that accepts anything would pass the line above; this one must refuse a broken log.
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
  });

  it('gives every result the rule, level, message and the exact region of the file it is about', () => {
    const results = log.runs[0].results;
    const spots = results.map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      const lines = fs.readFileSync(path.join(root, artifactLocation.uri), 'utf8').split('\n');
      assert.equal(region.startLine, region.endLine, `${r.ruleId}: one line`);
      // SARIF columns are 1-based, the end exclusive.
      const text = lines[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1);
      return [artifactLocation.uri, r.ruleId, r.level, text];
    });
    // The part at fault: the unused name, the misspelt name or output inside a selector, the whole value otherwise.
    assert.deepEqual(spots, [
      ['examples/mistakes.workflow.json', 'unused-input', 'note', '"threshold"'],
      ['examples/mistakes.workflow.json', 'unknown-block-type', 'error', '"roboflow_core/roboflow_object_detection_modle@v2"'],
      ['examples/mistakes.workflow.json', 'unknown-input', 'error', 'imgae'],
      ['examples/mistakes.workflow.json', 'unknown-property', 'warning', '"langauge"'],
      ['examples/mistakes.workflow.json', 'literal-secret', 'error', '"sk-proj-THIS-IS-NOT-A-REAL-KEY-0000000000000000"'],
      ['examples/mistakes.workflow.json', 'unknown-step-output', 'error', 'results'],
      ['examples/hard-hats.workflow.json', 'private-model', 'note', '"acme-safety-hard-hats/7"'],
      ['examples/describe-scene.workflow.json', 'credential-input', 'note', '"$inputs.openai_api_key"'],
    ]);
    for (const r of results) assert.ok(r.message.text.length > 20, `${r.ruleId} has a message`);
    assert.match(results[2].message.text, /no input named `imgae`\. Did you mean `\$inputs\.image`\?/);
    assert.doesNotMatch(JSON.stringify(log), /sk-proj-THIS-IS-NOT-A-REAL-KEY/, 'the region points at the secret; the message does not quote it');
    const rules = log.runs[0].tool.driver.rules.map((rule) => rule.id);
    for (const r of results) assert.ok(rules.includes(r.ruleId), `rule ${r.ruleId} is described`);
  });
});
