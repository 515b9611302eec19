import * as vscode from 'vscode';

/**
 * `roboflowWorkflows.apiUrl`, from the user's own settings only. The API key travels in the query
 * string of every workspace request, so like `serverUrl` the setting is application-scoped and a
 * workspace or folder value is ignored even if VS Code offered one: an opened repository must not
 * be able to send the key elsewhere. Empty means https://api.roboflow.com.
 */
export const API_URL_SETTING = 'roboflowWorkflows.apiUrl';

export function configuredApiUrl(): string | undefined {
  const inspected = vscode.workspace.getConfiguration('roboflowWorkflows').inspect<string>('apiUrl');
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
