import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from './repoRoot';

/** Roboflow's real Execution Engine, through engine/bridge.py in the venv scripts/setup-engine.sh makes. */

export const ENGINE_PYTHON = process.env.ENGINE_VENV_PYTHON ?? path.join(repoRoot(), '.engine/venv/bin/python');
export const BRIDGE = path.join(repoRoot(), 'engine/bridge.py');

/** What `POST /workflows/validate` answers for one definition. */
export type EngineVerdict =
  | { ok: true }
  | { ok: false; status: number; error_type: string; message: string; context?: string; body?: Record<string, unknown>; unmapped?: boolean };

export function engineInstalled(): boolean {
  return fs.existsSync(ENGINE_PYTHON);
}

const BRIDGE_ENV = { ...process.env, PYTHONHASHSEED: '0', PYTHONUNBUFFERED: '1' };

/** Runs one bridge command and parses its single JSON answer. */
export function bridgeJson<T>(command: 'version' | 'describe' | 'facts'): T {
  const run = spawnSync(ENGINE_PYTHON, [BRIDGE, command], { env: BRIDGE_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`engine bridge ${command} failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout) as T;
}

/**
 * One long-lived `bridge.py compile` process: definitions go in as JSON lines, verdicts come back in
 * order, so thousands of definitions pay the engine's import (several seconds) once.
 */
export class EngineCompiler {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: { id: number; resolve: (v: EngineVerdict) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  private stderr = '';
  private exited: Error | undefined;

  constructor() {
    this.child = spawn(ENGINE_PYTHON, [BRIDGE, 'compile'], { env: BRIDGE_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.answer(line));
    this.child.on('exit', (code) => {
      this.exited = new Error(`engine bridge exited (${code}): ${this.stderr.slice(-2000)}`);
      for (const p of this.pending.splice(0)) p.reject(this.exited);
    });
  }

  private answer(line: string): void {
    const next = this.pending.shift();
    if (!next) return;
    const { id, ...verdict } = JSON.parse(line) as EngineVerdict & { id: number };
    if (id !== next.id) next.reject(new Error(`engine bridge answered ${id} for ${next.id}`));
    else next.resolve(verdict as EngineVerdict);
  }

  /** Compiles a definition (any JSON value) and resolves with the engine's verdict. */
  compile(definition: unknown): Promise<EngineVerdict> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.push({ id, resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, definition })}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    await done;
  }
}
