import * as assert from 'assert';
import * as path from 'path';
import { activateExtension, closeAllEditors, diagnosticsFor, openFixture, repoRoot } from './helpers';

// Runs first (files run in name order): nothing has opened a workflow yet.
suite('Activation', () => {
  const coreBundle = path.join(repoRoot, 'dist/core.js');
  const loaded = () => Object.keys(require.cache).includes(coreBundle);

  test('activation does not load the validator; the first workflow does', async () => {
    const started = Date.now();
    await activateExtension();
    const activationMs = Date.now() - started;
    console.log(`[activation] activate() resolved in ${activationMs} ms; core bundle loaded: ${loaded()}`);
    assert.strictEqual(loaded(), false, 'dist/core.js (compiled schemas) must not load at activation');
    const { doc } = await openFixture('clean.workflow.json');
    await diagnosticsFor(doc.uri, 'roboflow-workflows');
    assert.strictEqual(loaded(), true);
    await closeAllEditors();
  });
});
