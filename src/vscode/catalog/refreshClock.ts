import type * as vscode from 'vscode';

const LAST_ATTEMPTS_KEY = 'roboflowWorkflows.catalogRefresh.lastAttempts';
export const REFRESH_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * When the block catalog was last fetched (or tried) from each server URL, in global state, so the
 * background refresh asks a server at most once a day across windows and restarts. A failed attempt
 * counts too: a server that is down is not asked again on every workflow opened.
 */
export class RefreshClock {
  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {}

  private attempts(): Record<string, number> {
    const stored = this.state.get<Record<string, number>>(LAST_ATTEMPTS_KEY);
    return stored && typeof stored === 'object' ? stored : {};
  }

  isDue(serverUrl: string): boolean {
    const last = this.attempts()[serverUrl];
    // An attempt "in the future" means the system clock was set back: do not wait days for it.
    return typeof last !== 'number' || this.now() - last >= REFRESH_INTERVAL_MS || last > this.now();
  }

  async markAttempt(serverUrl: string): Promise<void> {
    await this.state.update(LAST_ATTEMPTS_KEY, { ...this.attempts(), [serverUrl]: this.now() });
  }
}
