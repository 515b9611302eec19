import * as assert from 'assert';
import { measureActivation } from '../../bench/activation';
import { repoRoot } from '../support/repoRoot';

// `npm run bench` measures activation against a stand-in for the `vscode` module; this keeps that
// measurement working (it broke once, silently, when the status bar item gained a name) and holds
// the rule it checks: activation compiles no schema, and the first workflow loads the core.
describe('activation, outside VS Code', () => {
  it('activates dist/extension.js without compiling a schema, then validates the first workflow opened', async () => {
    const result = await measureActivation(repoRoot());
    assert.strictEqual(result.schemaCompilations, 0);
    assert.ok(Number.isFinite(result.activateMs) && result.activateMs > 0, `activation took ${result.activateMs} ms`);
    assert.ok(Number.isFinite(result.firstValidationMs) && result.firstValidationMs > 0);
  });
});
