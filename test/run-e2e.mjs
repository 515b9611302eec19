#!/usr/bin/env node
// Runs the end-to-end UI tests test/e2e/*.e2e.mjs (node:test + playwright against the code-server
// workbench, see test/e2e/workbench.mjs) one file at a time.
//
//   node test/run-e2e.mjs [--no-build] [file-or-name-filter ...]
//
// Builds first unless --no-build. Output: node's spec reporter on stdout (a TAP copy goes to
// .test-run/e2e.tap), then a line `N passed, N failed`. Screenshots: .test-run/screenshots/.
// Exit code = result. Env: E2E_TIMEOUT_MIN (overall limit, default 8), CS_VERBOSE=1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureInstalled, killLeftovers, repoRoot, runRoot } from './e2e/codeServer.mjs';

const t0 = Date.now();
const argv = process.argv.slice(2);
const filters = argv.filter((a) => !a.startsWith('--'));
const overallMs = (Number(process.env.E2E_TIMEOUT_MIN) || 8) * 60_000;
const log = (msg) => console.log(`[e2e] ${msg}`);

function finish(code, passed, failed) {
  if (passed !== undefined) console.log(`${passed} passed, ${failed} failed`);
  log(`${code === 0 ? 'passed' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code === 0 ? 0 : 1);
}

try {
  ensureInstalled();
} catch (err) {
  console.error(`[e2e] FAILED: ${err.message}`);
  finish(1);
}
killLeftovers();
if (!argv.includes('--no-build')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (b.status !== 0) { console.error('[e2e] FAILED: build failed'); finish(1); }
}

const e2eDir = path.join(repoRoot, 'test/e2e');
const files = fs.readdirSync(e2eDir)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(path.basename(x))))
  .sort()
  .map((f) => path.join('test/e2e', f));
if (files.length === 0) { console.error('[e2e] FAILED: no test/e2e/*.e2e.mjs files match'); finish(1); }

fs.mkdirSync(runRoot, { recursive: true });
const tapFile = path.join(runRoot, 'e2e.tap');
fs.rmSync(tapFile, { force: true });
const child = spawn(process.execPath, [
  '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
  ...files,
], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], detached: true });

const killChild = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killChild(); killLeftovers(); finish(1); });
const timer = setTimeout(() => {
  console.error(`[e2e] FAILED: overall timeout of ${overallMs / 60_000} min`);
  killChild();
}, overallMs);

child.on('exit', (code, signal) => {
  clearTimeout(timer);
  killChild(); // stray browsers / servers of a test file that did not clean up
  killLeftovers();
  const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
  const count = (k) => Number((tap.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const ok = code === 0 && !signal && failed === 0 && passed > 0;
  finish(ok ? 0 : 1, passed, ok ? failed : Math.max(failed, 1));
});
