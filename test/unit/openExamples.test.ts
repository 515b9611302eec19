import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repoRoot';

describe('npm start: the examples it opens', () => {
  const root = repoRoot();
  const made: string[] = [];
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function prepare(env: NodeJS.ProcessEnv = {}) {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rfw-start-profile-'));
    made.push(userData);
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/prepare-examples.mjs'), '--user-data', userData], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(result.status, 0, result.stderr);
    const copy = result.stdout.trim();
    made.push(copy);
    return { copy, settings: JSON.parse(fs.readFileSync(path.join(userData, 'User/settings.json'), 'utf8')) };
  }

  it('are a fresh copy of examples/ outside any git repository, so edits never reach the repository', () => {
    const first = prepare();
    const second = prepare();
    assert.notEqual(first.copy, second.copy);
    const examples = fs.readdirSync(path.join(root, 'examples')).sort();
    assert.ok(examples.includes('mistakes.workflow.json'));
    assert.deepEqual(fs.readdirSync(first.copy).sort(), examples);
    for (const file of examples) assert.equal(fs.readFileSync(path.join(first.copy, file), 'utf8'), fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
    const relative = path.relative(root, first.copy);
    assert.ok(relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative), `${first.copy} is inside the repository`);
    const git = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: first.copy, encoding: 'utf8' });
    assert.notEqual(git.status, 0, `the copy is inside the git repository ${git.stdout}`);
  });

  it('open in a profile with the test profiles\' settings (git off, no trust prompt), the extension\'s own at their defaults', () => {
    // The test profiles' settings, as test/e2e/settings.mjs (an ES module) gives them.
    const load = spawnSync(process.execPath, ['--input-type=module', '-e', `import { DEFAULT_SETTINGS } from ${JSON.stringify(path.join(root, 'test/e2e/settings.mjs'))}; process.stdout.write(JSON.stringify(DEFAULT_SETTINGS));`], { encoding: 'utf8' });
    assert.equal(load.status, 0, load.stderr);
    const expected = Object.fromEntries(Object.entries(JSON.parse(load.stdout) as Record<string, unknown>).filter(([key]) => !key.startsWith('roboflowWorkflows.')));
    assert.equal(expected['git.enabled'], false);
    assert.deepEqual(prepare().settings, expected);
    assert.deepEqual(prepare({ WORKSPACE_TRUST: '1' }).settings, { ...expected, 'security.workspace.trust.enabled': true });
  });
});
