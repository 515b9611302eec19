import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repoRoot';

/** The files vsce would see in a fresh clone after a build: every tracked file and every build output.
 * Listing them in a copy keeps vsce from walking the git-ignored venvs and VS Code downloads (gigabytes). */
function stagedCopy(root: string): string {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  const built = ['dist', 'media/dist', 'schemas'].flatMap((dir) =>
    fs.existsSync(path.join(root, dir)) ? (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)) : [],
  );
  for (const file of new Set([...tracked, ...built])) {
    const from = path.join(root, file);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    fs.copyFileSync(from, path.join(stage, file));
  }
  return stage;
}

describe('the .vsix', () => {
  it('holds only what the extension loads: its two bundles, the webview, schemas and docs', function () {
    this.timeout(120_000);
    const root = repoRoot();
    const stage = stagedCopy(root);
    try {
      const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: stage, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      const files = result.stdout.trim().split('\n').sort();
      const schemas = files.filter((f) => /^schemas\/[\w.-]+\.schema\.json$/.test(f));
      assert.ok(schemas.includes('schemas/workflow.schema.json') && schemas.includes('schemas/sharing.schema.json'), files.join('\n'));
      // No dist/cli.js (a second copy of the core), benchmarks, tests, source maps, engine or examples.
      assert.deepEqual(
        files.filter((f) => !schemas.includes(f)),
        [
          'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/core.js', 'dist/extension.js', 'language-configuration.json', 'media/dist/graph.css', 'media/dist/graph.js',
          'media/dist/preview.css', 'media/dist/preview.js', 'package.json', 'syntaxes/roboflow-workflow.tmLanguage.json',
        ],
      );
      // Every file the manifest points VS Code at is in the package.
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        main: string;
        contributes: { languages?: { configuration?: string }[]; grammars?: { path: string }[]; jsonValidation?: { url: string }[] };
      };
      const referenced = [
        manifest.main,
        ...(manifest.contributes.languages ?? []).map((l) => l.configuration),
        ...(manifest.contributes.grammars ?? []).map((g) => g.path),
        ...(manifest.contributes.jsonValidation ?? []).map((j) => j.url),
      ].filter((p): p is string => !!p).map((p) => path.posix.normalize(p));
      assert.ok(referenced.length >= 5, referenced.join(', '));
      for (const file of referenced) assert.ok(files.includes(file), `${file} is referenced by package.json but not packaged`);
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  });
});
