import * as vscode from 'vscode';
import type { ApiFailure } from '../../core/api';
import { workspacePrompts } from './prompts';

/** What each workspace command returns (for tests and for commands that chain), and how it tells the user. */
export interface WorkspaceOutcome {
  outcome: 'done' | 'refused' | 'cancelled' | 'failed';
  /** What the user was told (already redacted). */
  message: string;
  /** The local file written or concerned. */
  uri?: string;
}

const RESTRICTED_TEXT =
  'Roboflow workspace commands are disabled in Restricted Mode: they send your Roboflow API key to the Roboflow API and write files in this workspace. Trust the workspace to use them.';

/** Refuses in Restricted Mode, with the reason and a way out. */
export function refuseWhenRestricted(): WorkspaceOutcome | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  void workspacePrompts.notify('warning', RESTRICTED_TEXT, 'Manage Workspace Trust').then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return { outcome: 'refused', message: RESTRICTED_TEXT };
}

export function failed(failure: ApiFailure, prefix: string): WorkspaceOutcome {
  if (failure.kind === 'cancelled') return { outcome: 'cancelled', message: `${prefix}: cancelled.` };
  const message = `${prefix}: ${failure.message}`;
  const actions = failure.status === 401 || /No Roboflow API key/.test(failure.message) ? ['Set Roboflow API Key'] : [];
  void workspacePrompts.notify('error', message, ...actions).then((choice) => choice && vscode.commands.executeCommand('roboflowWorkflows.setApiKey'));
  return { outcome: 'failed', message };
}

export function refused(message: string, ...actions: string[]): { result: WorkspaceOutcome; choice: Promise<string | undefined> } {
  return { result: { outcome: 'refused', message }, choice: workspacePrompts.notify('warning', message, ...actions) };
}

export function done(message: string, uri?: vscode.Uri): WorkspaceOutcome {
  void workspacePrompts.notify('info', message);
  return { outcome: 'done', message, ...(uri && { uri: uri.toString() }) };
}

/** A command's target file: a URI string (lenses, tests), a Uri (explorer menus) or the active editor's. */
export function targetUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string') return vscode.Uri.parse(argument);
  return vscode.window.activeTextEditor?.document.uri;
}
