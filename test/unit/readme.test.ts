import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CODES } from '../../src/core/codes';
import { repoRoot } from '../support/repoRoot';

describe('README', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');

  it('opens with what the extension does and how to install it, then the two developer commands', () => {
    const sections = readme.split(/^## /m).map((section) => section.split('\n')[0]);
    assert.deepEqual(sections.slice(0, 4), ['# Roboflow Workflows for VS Code', 'Install', 'Develop', 'What it does']);
    const { version, name } = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string; name: string };
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Develop'));
    assert.ok(install.includes(`\`code --install-extension ${name}-${version}.vsix\``), install);
    assert.ok(install.includes('`npm ci && npm run package`'), install);
    // The first code block is the two commands, and what npm test installs on the machine is said beside them.
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)!;
    assert.ok(firstBlock.index > readme.indexOf('## Develop') && firstBlock.index < readme.indexOf('## What it does'));
    assert.deepEqual(firstBlock[1].trim().split('\n').map((line) => line.split(/\s+#/)[0].trim()), ['npm start', 'npm test']);
    const develop = readme.slice(readme.indexOf('## Develop'), readme.indexOf('## What it does'));
    assert.match(develop, /`npm test` installs Debian's Chromium and `libkrb5-dev` with `apt-get`[^.]*`sudo`/);
    assert.match(develop, /Python 3\.10/);
  });

  it('gives a CI example that fails when the linter finds errors and uploads the SARIF file either way', () => {
    const section = readme.slice(readme.indexOf('## Command-line linter'), readme.indexOf('## Finding codes'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
    assert.match(yaml, /^ {2}- run: npx roboflow-workflows lint --format sarif "\*\*\/\*\.workflow\.json" > rfw\.sarif$/m);
    assert.match(yaml, /- uses: github\/codeql-action\/upload-sarif@v3\n {4}if: always\(\)\n/);
    assert.ok(!/\|\| *true|continue-on-error/.test(section), 'a failing lint must fail the job');
    // Installed the way a user outside this repository can: from git (the npm package is not published yet).
    assert.match(yaml, /^ {2}- run: npm install --no-save git\+https:\/\/github\.com\//m);
  });

  it('lists every finding code with its severity and an example', () => {
    for (const code of CODES) assert.ok(readme.includes(`| \`${code.code}\` | ${code.severity} |`), `README lacks ${code.code}`);
  });

  it('is what CI runs: .ci/run calls npm test', () => {
    assert.match(fs.readFileSync(path.join(repoRoot(), '.ci/run'), 'utf8'), /^npm test$/m);
  });
});
