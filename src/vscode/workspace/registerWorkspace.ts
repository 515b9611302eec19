import * as vscode from 'vscode';
import type { SecretStore } from '../secrets/secretStore';
import type { WorkflowService } from '../workflowService';
import { createInWorkspace, type CreateOptions } from './create';
import { diffWithWorkspace } from './diff';
import type { WorkspaceOutcome } from './outcome';
import { pullWorkflow, type PullOptions } from './pull';
import { pushWorkflow } from './push';
import { RemoteDocuments } from './remoteDocuments';
import { WorkspaceSession } from './session';
import { SyncStatusBar } from './statusBar';
import { registerWorkspaceTestApi } from './testApi';
import { workflowVersions, type VersionsOptions } from './versions';
import { WorkflowItem, WorkflowsTree } from './workflowsTree';

/** "Working with a Roboflow workspace": the view, Pull, Compare, Push, Create, Versions, and the
 * status bar item of a linked file. */
export function registerWorkspace(context: vscode.ExtensionContext, service: WorkflowService, store: SecretStore): void {
  const session = new WorkspaceSession(store);
  const remote = new RemoteDocuments();
  const tree = new WorkflowsTree(session);
  const statusBar = new SyncStatusBar(session, service.onDidAnalyze);
  const deps = { session, remote, service };
  const setHasKey = async (): Promise<void> => {
    await vscode.commands.executeCommand('setContext', 'roboflowWorkflows.hasApiKey', await session.hasApiKey());
  };
  void setHasKey();

  // After anything that changes a link or the workspace: the view and the status bar ask again.
  const thenRefresh = async (run: Promise<WorkspaceOutcome>): Promise<WorkspaceOutcome> => {
    const result = await run;
    if (result.outcome === 'done') await Promise.all([tree.refresh(), statusBar.update(true)]);
    return result;
  };
  const slugOf = (argument: unknown): unknown => (argument instanceof WorkflowItem ? argument.workflow.url : argument);

  context.subscriptions.push(
    session,
    remote,
    tree,
    statusBar,
    session.onDidChange(() => void setHasKey()),
    vscode.commands.registerCommand('roboflowWorkflows.refreshWorkspace', async () => {
      await Promise.all([tree.refresh(), statusBar.update(true)]);
    }),
    vscode.commands.registerCommand('roboflowWorkflows.pullWorkflow', (argument?: unknown, options?: PullOptions) => thenRefresh(pullWorkflow(session, slugOf(argument), options))),
    vscode.commands.registerCommand('roboflowWorkflows.diffWithWorkspace', (argument?: unknown) => diffWithWorkspace(session, remote, argument)),
    vscode.commands.registerCommand('roboflowWorkflows.pushWorkflow', (argument?: unknown) => thenRefresh(pushWorkflow(deps, argument))),
    vscode.commands.registerCommand('roboflowWorkflows.createInWorkspace', (argument?: unknown, options?: CreateOptions) => thenRefresh(createInWorkspace(deps, argument, options))),
    vscode.commands.registerCommand('roboflowWorkflows.workflowVersions', (argument?: unknown, options?: VersionsOptions) => thenRefresh(workflowVersions(deps, argument, options))),
  );
  registerWorkspaceTestApi(context, tree, statusBar);
}
