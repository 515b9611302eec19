import * as vscode from 'vscode';
import { DEFAULT_SERVER_URL } from '../core/server/serverUrl';

/**
 * The inference server URL from the user's own settings only. The setting is application-scoped,
 * and a workspace value is ignored even if one is present: an opened repository must not be able
 * to send the user's API key to a server of its choosing.
 */
export function configuredServerUrl(): string {
  const inspected = vscode.workspace.getConfiguration('roboflowWorkflows').inspect<string>('serverUrl');
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  return typeof value === 'string' && value.trim() ? value.trim() : DEFAULT_SERVER_URL;
}
