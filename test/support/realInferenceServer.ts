import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './repoRoot';

/**
 * Roboflow's real inference HTTP server (`inference-cpu`, pinned in engine/inference-server.lock),
 * started by engine/inference_server.py from the venv scripts/setup-inference-server.sh makes,
 * offline, on a free loopback port. `start` resolves once `GET /info` answers (or fails with the
 * server's last output when it exits or the deadline passes); `stop` always ends the process group.
 */

export const SERVER_PYTHON = process.env.INFERENCE_SERVER_PYTHON ?? path.join(repoRoot(), '.inference-server/venv/bin/python');
export const LAUNCHER = path.join(repoRoot(), 'engine/inference_server.py');

export function inferenceServerInstalled(): boolean {
  return fs.existsSync(SERVER_PYTHON);
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RealInferenceServer {
  url: string;
  /** The server's stdout and stderr so far (its last 20,000 characters). */
  output(): string;
  /** Milliseconds from spawn to the first answer of `/info`. */
  startupMs: number;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Ends the server's whole process group: SIGTERM (uvicorn shuts down cleanly), SIGKILL after `graceMs`. */
async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  if ((await withDeadline(exited(child), graceMs)) === 'deadline') {
    signalGroup('SIGKILL');
    await exited(child);
  }
}

export interface StartOptions {
  deadlineMs?: number;
  /** Where the server finds "Roboflow's API": a loopback URL (a recorder); else an unused loopback port. */
  apiBaseUrl?: string;
  /** Write the files the server loaded to this path when it stops (for trimming the lock). */
  traceImports?: string;
  env?: NodeJS.ProcessEnv;
}

export async function startRealInferenceServer(options: StartOptions = {}): Promise<RealInferenceServer> {
  const deadlineMs = options.deadlineMs ?? 180_000;
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfw-inference-server-'));
  const args = [LAUNCHER, '--port', String(port), '--state-dir', stateDir];
  if (options.apiBaseUrl) args.push('--api-base-url', options.apiBaseUrl);
  const traceImports = options.traceImports ?? process.env.INFERENCE_SERVER_TRACE_IMPORTS;
  if (traceImports) args.push('--trace-imports', traceImports);
  // The launcher sets the offline environment itself and drops any Roboflow key it inherits.
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1', ...options.env };
  const started = Date.now();
  // Its own process group, so stop() reaches uvicorn and anything it spawned.
  const child = spawn(SERVER_PYTHON, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exit = exited(child);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const stop = async () => {
    await stopProcess(child, 20_000);
    fs.rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    // Positive wait: ask /info until it answers, the process exits, or the deadline passes.
    for (;;) {
      if (spawnError) throw spawnError;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the inference server exited (${child.exitCode ?? child.signalCode}) before answering /info:\n${output.slice(-4000)}`);
      }
      if (Date.now() - started > deadlineMs) {
        throw new Error(`the inference server did not answer /info within ${deadlineMs / 1000} s:\n${output.slice(-4000)}`);
      }
      try {
        const answer = await fetch(`${url}/info`, { signal: AbortSignal.timeout(2_000) });
        if (answer.ok) break;
      } catch {
        /* not listening yet */
      }
      // Until the next attempt: the process's exit or 250 ms, whichever comes first.
      await withDeadline(exit, 250);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => output, startupMs: Date.now() - started, stop };
}
