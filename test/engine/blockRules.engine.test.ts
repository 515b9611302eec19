import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_PYTHON } from '../support/engine';
import { repoRoot } from '../support/repoRoot';

/**
 * src/core/validate/data/block-rules.json (fields a task requires, outputs a task yields) is what
 * the pinned engine answers when engine/block_rules.py asks it now.
 */
describe('block rules are the pinned engine\'s (real engine)', function () {
  this.timeout(300_000);

  it('matches engine/block_rules.py run against the engine', () => {
    const root = repoRoot();
    const run = spawnSync(ENGINE_PYTHON, [path.join(root, 'engine/block_rules.py')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONHASHSEED: '0' } });
    assert.equal(run.status, 0, run.stderr.slice(-2000));
    const stored = JSON.parse(fs.readFileSync(path.join(root, 'src/core/validate/data/block-rules.json'), 'utf8'));
    assert.deepEqual(stored, JSON.parse(run.stdout), 'regenerate: .engine/venv/bin/python engine/block_rules.py > src/core/validate/data/block-rules.json');
    assert.ok(Object.keys(stored.taskRequirements).length > 20);
  });
});
