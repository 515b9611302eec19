import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../support/repoRoot';

// `npm run bench` measures activation against a stand-in for the `vscode` module; this keeps that
// measurement working (it broke once, silently, when the status bar item gained a name) and holds
// the rule it checks: activation compiles no schema, and the first workflow loads the core.
describe('activation, outside VS Code', () => {
  it('activates dist/extension.js without compiling a schema, then validates the first workflow opened', () => {
    const probe = spawnSync(process.execPath, [path.join(repoRoot(), 'dist/test/support/activationProbe.js')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(probe.status, 0, probe.stderr);
    const result = JSON.parse(probe.stdout) as { activateMs: number; firstValidationMs: number; schemaCompilations: number };
    assert.strictEqual(result.schemaCompilations, 0);
    assert.ok(Number.isFinite(result.activateMs) && result.activateMs > 0, `activation took ${result.activateMs} ms`);
    assert.ok(Number.isFinite(result.firstValidationMs) && result.firstValidationMs > 0);
  });
});
