import * as vscode from 'vscode';

/**
 * The questions the workspace commands ask, in VS Code's own UI. Replaceable by the integration
 * tests through the test-only command (testApi.ts): a modal cannot be clicked from the extension host.
 */
export interface WorkspacePrompts {
  /** A modal warning with one accept button; true when it was chosen. */
  confirm(message: string, detail: string, acceptButton: string): Promise<boolean>;
  /** The folder a pulled workflow goes to. */
  pickFolder(defaultUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  inputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A non-modal message with buttons; the one chosen, if any. */
  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
}

const defaults: WorkspacePrompts = {
  async confirm(message, detail, acceptButton) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, acceptButton)) === acceptButton;
  },
  async pickFolder(defaultUri) {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri, openLabel: 'Pull Here', title: 'Folder for the pulled workflow' });
    return picked?.[0];
  },
  quickPick: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, options)),
  inputBox: (options) => Promise.resolve(vscode.window.showInputBox(options)),
  async notify(kind, message, ...actions) {
    if (kind === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (kind === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  },
};

export const workspacePrompts: WorkspacePrompts = { ...defaults };

/** Test only: replaces some prompts; `setWorkspacePrompts({})` restores VS Code's. */
export function setWorkspacePrompts(hooks: Partial<WorkspacePrompts>): void {
  Object.assign(workspacePrompts, defaults, hooks);
}
