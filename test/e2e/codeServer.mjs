// Reusable driver for a real VS Code on this machine: code-server (VS Code server + web workbench,
// installed by scripts/setup-vscode.sh into .vscode-test/) driven by Debian's Chromium through
// playwright-core. Used by test/run-integration.mjs (mocha suite inside the extension host),
// the end-to-end UI tests test/e2e/*.e2e.mjs and scripts/open-examples.sh.
//
// Every server runs in its own process group with a throw-away HOME/TMPDIR/user-data-dir under
// .test-run/, and stop() kills the whole group (killing only the PID leaves the extension host).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const runRoot = path.join(repoRoot, '.test-run');
export const fixtureWorkspace = path.join(repoRoot, 'test/fixtures/workspace');
export const screenshotsDir = path.join(runRoot, 'screenshots');
const cacheRoot = path.join(repoRoot, '.vscode-test');
export const node24 = path.join(cacheRoot, 'node24/bin/node');
export const codeServerEntry = path.join(cacheRoot, 'cs/node_modules/code-server/out/node/entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const pidDir = path.join(runRoot, 'pids');

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
export const extensionId = `${manifest.publisher}.${manifest.name}`;

import { DEFAULT_SETTINGS } from './settings.mjs';

export { DEFAULT_SETTINGS };

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Throws a clear message when scripts/setup-vscode.sh has not been run. */
export function ensureInstalled() {
  const missing = [node24, codeServerEntry, chromiumPath].filter((p) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(`real-VS-Code test tools missing (${missing.join(', ')}): run \`bash scripts/setup-vscode.sh\``);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Copies test/fixtures/workspace (or `from`) to .test-run/<name> afresh and returns its path. */
export function prepareWorkspace(name = 'workspace', from = fixtureWorkspace) {
  const dest = path.join(runRoot, name);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(from, dest, { recursive: true });
  return dest;
}

/**
 * A fresh throw-away profile under .test-run/<name>: home, tmp, user-data (with settings.json)
 * and extensions directories.
 */
export function prepareProfile(name, settings = {}) {
  const base = path.join(runRoot, name);
  fs.rmSync(base, { recursive: true, force: true });
  const dirs = {
    base,
    home: path.join(base, 'home'),
    tmpDir: path.join(base, 'tmp'),
    userDataDir: path.join(base, 'user-data'),
    extensionsDir: path.join(base, 'extensions'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  writeSettings(dirs.userDataDir, settings);
  return dirs;
}

export function writeSettings(userDataDir, settings = {}) {
  const file = path.join(userDataDir, 'User/settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');
}

/** Environment for code-server / Chromium: throw-away HOME and TMPDIR, no leaked VS Code IPC variables. */
export function isolatedEnv(home, tmpDir, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI & co. would make code-server hand the folder to an existing instance.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('XDG_') || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  Object.assign(env, {
    HOME: home,
    TMPDIR: tmpDir,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    PATH: `${path.dirname(node24)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  }, extra);
  return env;
}

// --- process-group bookkeeping: stop() kills the group; a crash of this process is covered by
// the exit handler; SIGKILL of this process is covered by killLeftovers() in the runners.
const live = new Set();
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}
process.once('exit', () => { for (const pid of live) killGroup(pid, 'SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * Kills the code-server process groups recorded in .test-run/pids by processes that no longer run
 * (a runner or test file killed with SIGKILL). Servers of live processes (a concurrent run) are kept.
 */
export function killLeftovers() {
  if (!fs.existsSync(pidDir)) return 0;
  let n = 0;
  for (const f of fs.readdirSync(pidDir)) {
    const pid = Number(f);
    if (!(pid > 1) || live.has(pid)) continue;
    const owner = Number(fs.readFileSync(path.join(pidDir, f), 'utf8')) || 0;
    if (owner > 1 && isAlive(owner)) continue;
    if (killGroup(pid, 'SIGKILL')) n++;
    fs.rmSync(path.join(pidDir, f), { force: true });
  }
  return n;
}

function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/**
 * Starts code-server on 127.0.0.1 (a random free port unless `port` is given) with the smoke-test
 * driver enabled (needed for the `payload` query: extensionDevelopmentPath / extensionTestsPath).
 *
 * @returns {Promise<{url: string, port: number, authority: string, pid: number, logFile: string,
 *   workbenchUrl: (o?: {folder?: string, extensionDevelopmentPath?: string|false, extensionTestsPath?: string}) => string,
 *   stop: () => Promise<void>}>}
 */
export async function startCodeServer({
  workspace,
  userDataDir,
  extensionsDir,
  settings,
  home,
  tmpDir,
  port,
  host = '127.0.0.1',
  env = {},
  extraArgs = [],
  logFile,
  echo = !!process.env.CS_VERBOSE,
  startTimeoutMs = 30_000,
  workspaceTrust = false, // true: Workspace Trust on, so a test can choose Restricted Mode
} = {}) {
  ensureInstalled();
  if (!userDataDir || !extensionsDir || !home || !tmpDir) {
    const p = prepareProfile(`profile-${process.pid}-${Date.now()}`, settings);
    userDataDir ??= p.userDataDir; extensionsDir ??= p.extensionsDir; home ??= p.home; tmpDir ??= p.tmpDir;
  } else if (settings) {
    writeSettings(userDataDir, settings);
  }
  for (const d of [userDataDir, extensionsDir, home, tmpDir]) fs.mkdirSync(d, { recursive: true });
  port ??= await freePort();
  logFile ??= path.join(path.dirname(userDataDir), `code-server-${port}.log`);
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', path.join(path.dirname(userDataDir), 'code-server.yaml'),
    ...extraArgs,
  ];
  if (workspace) args.push(workspace);
  fs.writeFileSync(path.join(path.dirname(userDataDir), 'code-server.yaml'), 'auth: none\n');
  const log = fs.createWriteStream(logFile);
  const child = spawn(node24, args, {
    cwd: repoRoot,
    env: isolatedEnv(home, tmpDir, env),
    detached: true, // own process group, see stop()
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child.pid);
  fs.mkdirSync(pidDir, { recursive: true });
  fs.writeFileSync(path.join(pidDir, String(child.pid)), String(process.pid));
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (d) => { log.write(d); if (echo) process.stderr.write(d); });
  }
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));

  const authority = `${host}:${port}`;
  const url = `http://${authority}/`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child.pid, 'SIGTERM');
    await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 3000))]);
    killGroup(child.pid, 'SIGKILL'); // the extension host and other members may outlive the leader
    live.delete(child.pid);
    fs.rmSync(path.join(pidDir, String(child.pid)), { force: true });
    await new Promise((r) => log.end(r));
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during startup (${JSON.stringify(exited)}); log: ${logFile}\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within ${startTimeoutMs} ms; log: ${logFile}\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  /** URL of the workbench; by default with this repository loaded as a development extension. */
  const workbenchUrl = ({ folder = workspace, extensionDevelopmentPath = repoRoot, extensionTestsPath } = {}) => {
    const q = [];
    if (folder) q.push(`folder=${encodeURIComponent(folder)}`);
    const payload = [];
    if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
    if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath.replace(/\.js$/, '')}`]);
    if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `${url}${q.length ? `?${q.join('&')}` : ''}`;
  };

  return { url, port, host, authority, pid: child.pid, logFile, userDataDir, extensionsDir, home, tmpDir, workspace, workbenchUrl, stop, exited: () => exited };
}

function tail(file, lines = 30) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

/**
 * Launches /usr/bin/chromium headless through playwright-core with a throw-away HOME/TMPDIR.
 * @returns {Promise<{browser: import('playwright-core').Browser, context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page, close: () => Promise<void>}>}
 */
export async function launchBrowser({ home, tmpDir, headless = true, viewport = { width: 1600, height: 1000 } } = {}) {
  ensureInstalled();
  const { chromium } = await import('playwright-core');
  if (!home || !tmpDir) {
    const base = path.join(runRoot, `browser-${process.pid}`);
    home ??= path.join(base, 'home');
    tmpDir ??= path.join(base, 'tmp');
  }
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(home, tmpDir),
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const close = async () => { await browser.close().catch(() => {}); };
  return { browser, context, page, close };
}

/**
 * Waits until the workbench is restored and the status bar is shown. Uses the smoke-test driver
 * (servers started by startCodeServer have it); pass `{ driver: false }` for other servers.
 */
export async function waitForWorkbench(page, { timeoutMs = 60_000, driver = true } = {}) {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  if (driver) {
    await page.waitForFunction(() => typeof window.driver?.whenWorkbenchRestored === 'function', null, { timeout: timeoutMs });
    await page.evaluate(() => window.driver.whenWorkbenchRestored());
  }
  await page.waitForSelector('.statusbar', { timeout: timeoutMs });
}

/**
 * "Installs" this repository as a regular (non-development) extension: a link named
 * <publisher>.<name>-<version> in the extensions folder, which code-server picks up when it scans
 * the folder at startup (no vsix, no extensions.json needed). Serves the current dist/ build.
 */
export function linkExtension(extensionsDir) {
  fs.mkdirSync(extensionsDir, { recursive: true });
  const link = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(repoRoot, link);
  return link;
}

/** Runs code-server's CLI once (e.g. ['--install-extension', vsix]) against a profile; returns its output. */
export function codeServerCli(args, { userDataDir, extensionsDir, home, tmpDir }) {
  const r = spawnSync(node24, [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...args], {
    env: isolatedEnv(home, tmpDir), encoding: 'utf8', timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
