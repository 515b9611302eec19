import * as vscode from 'vscode';
import { setWorkspacePrompts, type WorkspacePrompts } from './prompts';
import type { SyncStatusBar } from './statusBar';
import type { WorkflowsTree } from './workflowsTree';

/**
 * TEST ONLY: what the integration tests drive the workspace feature through. Registered only when
 * VS Code runs the extension for its tests (ExtensionMode.Test).
 */
export const WORKSPACE_TEST_COMMAND = 'roboflowWorkflows.test.workspaceApi';

export interface WorkspaceTestApi {
  setPrompts(hooks: Partial<WorkspacePrompts>): void;
  tree: Pick<WorkflowsTree, 'refresh' | 'snapshot'>;
  statusBar: Pick<SyncStatusBar, 'update' | 'snapshot'>;
}

export function registerWorkspaceTestApi(context: vscode.ExtensionContext, tree: WorkflowsTree, statusBar: SyncStatusBar): void {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  const api: WorkspaceTestApi = {
    setPrompts: setWorkspacePrompts,
    tree: { refresh: () => tree.refresh(true), snapshot: () => tree.snapshot() },
    statusBar: { update: (ask) => statusBar.update(ask), snapshot: () => statusBar.snapshot() },
  };
  context.subscriptions.push(vscode.commands.registerCommand(WORKSPACE_TEST_COMMAND, () => api), { dispose: () => setWorkspacePrompts({}) });
}
