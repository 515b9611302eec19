import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CODES } from '../../src/core/codes';
import { repoRoot } from '../support/repoRoot';

describe('README', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');

  it('starts with the two commands: open the extension on examples/, run the tests', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    assert.match(firstBlock, /^npm start\b/m);
    assert.match(firstBlock, /^npm test\b/m);
  });

  it('lists every finding code with its severity and an example', () => {
    for (const code of CODES) assert.ok(readme.includes(`| \`${code.code}\` | ${code.severity} |`), `README lacks ${code.code}`);
  });

  it('is what CI runs: .ci/run calls npm test', () => {
    assert.match(fs.readFileSync(path.join(repoRoot(), '.ci/run'), 'utf8'), /^npm test$/m);
  });
});
