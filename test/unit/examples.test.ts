import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { lintWorkflow } from '../../src/core/lint';
import { repoRoot } from '../support/repoRoot';

// examples/ is what `npm start` opens and what a new user reads first: each file must show what it
// was written to show, no more. Expectations come from each example's purpose: the spot in the
// file (found by its text) and the finding a user should see there.
const EXPECTED: Record<string, { at: string; code: string; severity: string }[]> = {
  'people-counter.workflow.json': [],
  'describe-scene.workflow.json': [{ at: '"$inputs.openai_api_key"', code: 'credential-input', severity: 'information' }],
  'hard-hats.workflow.json': [{ at: '"acme-safety-hard-hats/7"', code: 'private-model', severity: 'information' }],
  'mistakes.workflow.json': [
    { at: '{ "type": "WorkflowParameter", "name": "threshold"', code: 'unused-input', severity: 'hint' },
    { at: '"roboflow_core/roboflow_object_detection_modle@v2"', code: 'unknown-block-type', severity: 'error' },
    { at: '"$inputs.imgae"', code: 'unknown-input', severity: 'error' },
    { at: '"langauge"', code: 'unknown-property', severity: 'warning' },
    { at: '"sk-proj-THIS-IS-NOT-A-REAL-KEY', code: 'literal-secret', severity: 'error' },
    { at: '"$steps.plates.results"', code: 'unknown-step-output', severity: 'error' },
  ],
};

describe('examples/', () => {
  const dir = path.join(repoRoot(), 'examples');
  const catalog = bundledCatalog();

  it('holds exactly the examples these expectations describe', () => {
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.workflow.json')).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.length ? expected.map((e) => e.code).join(', ') : 'no findings'}`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
      const found = lintWorkflow(text, catalog).findings.map((f) => ({ line: lineOf(f.range.offset), code: f.code, severity: f.severity }));
      const wanted = expected.map((e) => {
        const offset = text.indexOf(e.at);
        assert.ok(offset >= 0, `${e.at} is in ${file}`);
        return { line: lineOf(offset), code: e.code, severity: e.severity };
      });
      const byLine = (a: { line: number; code: string }, b: { line: number; code: string }) => a.line - b.line || a.code.localeCompare(b.code);
      assert.deepEqual([...found].sort(byLine), [...wanted].sort(byLine));
    });
  }
});
