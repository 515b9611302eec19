import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../support/repoRoot';

describe('the .vsix', () => {
  it('holds only what the extension loads: its two bundles, the webview, schemas and docs', function () {
    this.timeout(30_000);
    const root = repoRoot();
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const files = result.stdout.trim().split('\n').sort();
    const schemas = files.filter((f) => /^schemas\/[\w.-]+\.schema\.json$/.test(f));
    assert.ok(schemas.includes('schemas/workflow.schema.json') && schemas.includes('schemas/sharing.schema.json'), files.join('\n'));
    // No dist/cli.js (a second copy of the core), benchmarks, tests, source maps, engine or examples.
    assert.deepEqual(
      files.filter((f) => !schemas.includes(f)),
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/core.js', 'dist/extension.js', 'media/dist/preview.css', 'media/dist/preview.js', 'package.json'],
    );
  });
});
