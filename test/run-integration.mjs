#!/usr/bin/env node
// Runs the integration suite (dist/test/integration/**/*.test.js, mocha inside the extension host)
// in a real VS Code: code-server from .vscode-test/ + Debian Chromium via playwright-core.
//
//   node test/run-integration.mjs [--no-build] [--grep <regexp>] [--verbose]
//
// Builds first (node scripts/build.mjs) unless --no-build. Copies test/fixtures/workspace to
// .test-run/workspace and opens it. The extension host's console is relayed to stdout; the suite
// prints `N passed, N failed`. Exit code = suite result (1 on failure, timeout or crash).
// Env: INTEGRATION_TIMEOUT_MIN (overall limit, default 8), INTEGRATION_GREP, CS_VERBOSE=1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  ensureInstalled, killLeftovers, launchBrowser, prepareProfile, prepareWorkspace, repoRoot, startCodeServer,
} from './e2e/codeServer.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const verbose = flag('--verbose') || !!process.env.CS_VERBOSE;
const grep = option('--grep') ?? process.env.INTEGRATION_GREP;
const overallMs = (Number(process.env.INTEGRATION_TIMEOUT_MIN) || 8) * 60_000;
const t0 = Date.now();
// Workbench log lines that say nothing about the suite (shown with --verbose).
const NOISE = [
  /ENOTFOUND open-vsx\.org/, /^Creating a socket/, /^Resolv(ing|ed) connection token/, /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^\[AgentHost/, /^\[AccountPolicyGate\]/,
];
const log = (msg) => console.log(`[integration] ${msg}`);

async function main() {
  ensureInstalled();
  killLeftovers();
  if (!flag('--no-build')) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  const testsIndex = path.join(repoRoot, 'dist/test/integration/index.js');
  if (!fs.existsSync(testsIndex)) throw new Error(`${testsIndex} missing: run node scripts/build.mjs`);
  if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) throw new Error('dist/extension.js missing: run node scripts/build.mjs');

  const workspace = prepareWorkspace('workspace');
  const profile = prepareProfile('integration');
  const env = {};
  if (grep) env.INTEGRATION_GREP = grep;
  const server = await startCodeServer({ workspace, ...profile, env, echo: verbose });
  let browser;
  try {
    log(`code-server ${server.url} (pid ${server.pid}, log ${path.relative(repoRoot, server.logFile)})`);
    browser = await launchBrowser({ home: profile.home, tmpDir: profile.tmpDir });
    const { page } = browser;

    let finish;
    const done = new Promise((resolve) => { finish = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) || 0 }));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      let line;
      try { line = util.format(...(Array.isArray(args) ? args : [args])); } catch { line = String(args); }
      if (!verbose && NOISE.some((re) => re.test(line))) return;
      if (type === 'error' || type === 'warn') console.error(line); else console.log(line);
    });
    page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));
    page.on('pageerror', (e) => { if (verbose) console.error(`[page error] ${e.message}`); });
    if (verbose) page.on('console', (m) => console.error(`[workbench ${m.type()}] ${m.text()}`));

    const timer = setTimeout(() => finish({ code: 1, reason: `overall timeout of ${overallMs / 60_000} min` }), overallMs - (Date.now() - t0));
    const watchdog = setInterval(() => {
      if (server.exited()) finish({ code: 1, reason: `code-server exited unexpectedly ${JSON.stringify(server.exited())}` });
    }, 500);

    await page.goto(server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: testsIndex }));
    const result = await done;
    clearTimeout(timer);
    clearInterval(watchdog);
    if (result.reason) console.error(`[integration] FAILED: ${result.reason} (code-server log: ${server.logFile})`);
    return result.code;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

let code;
try {
  code = await main();
} catch (err) {
  console.error(`[integration] FAILED: ${err?.stack ?? err}`);
  code = 1;
}
log(`${code === 0 ? 'passed' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(code === 0 ? 0 : 1);
