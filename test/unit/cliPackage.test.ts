import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repoRoot';
import { workflowText } from '../support/workflowText';

const ROOT = repoRoot();
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** npm as a CI user runs it: none of the npm_* variables of an enclosing `npm test` leak in. */
function npm(args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function packedFiles(dir: string): string[] {
  const result = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], dir);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}

describe('the linter as an npm package', function () {
  // npm spawns and installs; slow on a loaded machine, never a hang.
  this.timeout(180_000);

  it('cli/ is a publishable package: same version, one self-contained bin, Node 20+', () => {
    const pkg = readJson('cli/package.json');
    assert.equal(pkg.name, 'roboflow-workflows-lint');
    assert.equal(pkg.version, readJson('package.json').version, 'the bundle reports the root package.json version');
    assert.deepEqual(pkg.bin, { 'roboflow-workflows': 'dist/cli.js' });
    assert.deepEqual(pkg.engines, { node: '>=20' });
    assert.equal(pkg.dependencies, undefined, 'the bundle needs no runtime dependencies');
    assert.equal(pkg.scripts.prepack, 'node ../scripts/build.mjs --cli --production');
    assert.deepEqual(packedFiles(path.join(ROOT, 'cli')), ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
  });

  it('the repository installed from git ships only the linter, built by prepare', () => {
    const pkg = readJson('package.json');
    assert.deepEqual(pkg.bin, { 'roboflow-workflows': './cli/dist/cli.js' });
    assert.equal(pkg.scripts.prepare, 'node scripts/build.mjs --cli --production');
    // npm packs a git dependency the way `npm pack` packs this folder (.npmignore).
    assert.deepEqual(packedFiles(ROOT), ['LICENSE', 'README.md', 'cli/dist/cli.js', 'package.json']);
  });

  it('installs from a packed tarball into a fresh project, and `npx roboflow-workflows lint` (npm exec) works there', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rfw-cli-pack-'));
    try {
      const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], path.join(ROOT, 'cli'));
      assert.equal(pack.code, 0, pack.stderr);
      const tarball = path.join(tmp, (JSON.parse(pack.stdout) as { filename: string }[])[0].filename);
      const project = path.join(tmp, 'project');
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }');
      const install = npm(['install', '--offline', '--save-dev', tarball], project);
      assert.equal(install.code, 0, install.stderr);
      fs.writeFileSync(path.join(project, 'clean.workflow.json'), workflowText());
      fs.writeFileSync(path.join(project, 'broken.workflow.json'), workflowText({ outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det.predictionz' }] }));

      const broken = npm(['exec', '--no', '--', 'roboflow-workflows', 'lint', 'broken.workflow.json'], project);
      assert.equal(broken.code, 1, broken.stderr);
      assert.match(broken.stdout, /^broken\.workflow\.json:21:31 error unknown-step-output Step 'det' /);
      assert.equal(broken.stderr, '1 workflow checked: 1 error, 0 warnings.\n');
      const clean = npm(['exec', '--no', '--', 'roboflow-workflows', 'lint', 'clean.workflow.json'], project);
      assert.deepEqual([clean.code, clean.stdout, clean.stderr], [0, '', '1 workflow checked: 0 errors, 0 warnings.\n']);
      const version = npm(['exec', '--no', '--', 'roboflow-workflows', '--version'], project);
      assert.deepEqual([version.code, version.stdout], [0, `${readJson('package.json').version}\n`]);
      const usage = npm(['exec', '--no', '--', 'roboflow-workflows'], project);
      assert.equal(usage.code, 2);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
