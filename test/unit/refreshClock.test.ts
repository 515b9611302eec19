import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { REFRESH_INTERVAL_MS, RefreshClock } from '../../src/vscode/catalog/refreshClock';

/** globalState as VS Code keeps it: a key-value store whose values survive restarts. */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, structuredClone(value)),
  } as vscode.Memento;
}

describe('background catalog refresh: once a day per server', () => {
  const HOSTED = 'https://serverless.roboflow.com';
  const LOCAL = 'http://localhost:9001';

  it('is due for a server never asked, then not for a day after an attempt, per server URL', async () => {
    let now = Date.UTC(2025, 0, 1);
    const state = memento();
    const clock = new RefreshClock(state, () => now);
    assert.equal(clock.isDue(HOSTED), true);
    await clock.markAttempt(HOSTED);
    assert.equal(clock.isDue(HOSTED), false);
    assert.equal(clock.isDue(LOCAL), true, 'another server has its own clock');
    now += REFRESH_INTERVAL_MS - 1;
    assert.equal(clock.isDue(HOSTED), false);
    now += 1;
    assert.equal(clock.isDue(HOSTED), true);
    assert.equal(new RefreshClock(state, () => now - 1).isDue(HOSTED), false, 'the time is kept in global state, across windows and restarts');
  });

  it('does not wait for days when the system clock was set back', async () => {
    let now = Date.UTC(2025, 0, 10);
    const clock = new RefreshClock(memento(), () => now);
    await clock.markAttempt(HOSTED);
    now = Date.UTC(2025, 0, 5);
    assert.equal(clock.isDue(HOSTED), true);
  });

  it('reads damaged state as "never asked"', () => {
    const state = memento();
    void state.update('roboflowWorkflows.catalogRefresh.lastAttempts', 'garbage');
    assert.equal(new RefreshClock(state).isDue(HOSTED), true);
  });
});
