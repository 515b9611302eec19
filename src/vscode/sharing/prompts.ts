import * as vscode from 'vscode';

/**
 * The few questions the sharing and secrets commands ask. They go through this object so the
 * integration tests can answer them (a modal dialog cannot be clicked from the extension host):
 * see setTestHooks, reachable only in the extension's Test mode (testApi.ts).
 */
export interface Prompts {
  /** A modal warning with one accept button; true when it was chosen. */
  confirm(message: string, detail: string, acceptButton: string): Promise<boolean>;
  inputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  /** A non-modal warning with buttons; the one chosen, if any. */
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
}

const defaults: Prompts = {
  async confirm(message, detail, acceptButton) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, acceptButton)) === acceptButton;
  },
  async inputBox(options) {
    return vscode.window.showInputBox(options);
  },
  async quickPick(items, options) {
    return vscode.window.showQuickPick(items, options);
  },
  async warn(message, ...actions) {
    return vscode.window.showWarningMessage(message, ...actions);
  },
};

export const prompts: Prompts = { ...defaults };

/** Test only: replaces some prompts; `setPrompts({})` restores VS Code's. */
export function setPrompts(hooks: Partial<Prompts>): void {
  Object.assign(prompts, defaults, hooks);
}

/** Shows a message without waiting for it to be dismissed (commands return at once). */
export function tell(message: string, kind: 'info' | 'error' = 'info'): void {
  void (kind === 'error' ? vscode.window.showErrorMessage(message) : vscode.window.showInformationMessage(message));
}
