import { createHash } from 'crypto';
import * as vscode from 'vscode';
import { SERVER_URL_SETTING, serverUrlSetIn } from '../core/server/workspaceServerUrl';
import { previewLog } from './preview/log';
import { configuredServerUrl } from './serverSettings';
import { prompts } from './sharing/prompts';

/**
 * `roboflowWorkflows.serverUrl` written in a workspace's settings is ignored (an opened repository
 * must not choose where the API key goes), and VS Code drops it before `inspect` can show it. So
 * the workspace's settings files are read here: the preview panel shows the ignored value, and a
 * warning says it once per workspace and value (a hash of the value is remembered, not the value).
 */

export interface IgnoredServerUrl {
  value: string;
  /** Where it is written, as the user reads it (`.vscode/settings.json`). */
  file: string;
}

const NOTICE_STATE_KEY = 'roboflowWorkflows.ignoredServerUrlNotice';
const OPEN_USER_SETTINGS = 'Open User Settings';

let current: IgnoredServerUrl | undefined;

/** The ignored workspace value, as last read (undefined when no workspace file sets it). */
export function ignoredWorkspaceServerUrl(): IgnoredServerUrl | undefined {
  return current;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // no such file
  }
}

/** The workspace file's `settings`, then each folder's `.vscode/settings.json`. */
async function scan(): Promise<IgnoredServerUrl | undefined> {
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') {
    const text = await readText(workspaceFile);
    const value = text === undefined ? undefined : serverUrlSetIn(text, ['settings']);
    if (value !== undefined) return { value, file: workspaceFile.path.split('/').pop()! };
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const text = await readText(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
    const value = text === undefined ? undefined : serverUrlSetIn(text);
    if (value !== undefined) return { value, file: vscode.workspace.workspaceFolders!.length > 1 ? `${folder.name}/.vscode/settings.json` : '.vscode/settings.json' };
  }
  return undefined;
}

function noticeText(found: IgnoredServerUrl): string {
  return (
    `This workspace's ${found.file} sets ${SERVER_URL_SETTING} to "${found.value}". It is ignored for safety: a workspace must not choose ` +
    `where your Roboflow API key is sent. Previews and catalog refreshes use ${configuredServerUrl()}, from your user settings. ` +
    `To use that server, set ${SERVER_URL_SETTING} in your user settings.`
  );
}

async function notifyOnce(context: vscode.ExtensionContext, found: IgnoredServerUrl): Promise<void> {
  const fingerprint = createHash('sha256').update(found.value).digest('hex');
  if (context.workspaceState.get<string>(NOTICE_STATE_KEY) === fingerprint) return;
  await context.workspaceState.update(NOTICE_STATE_KEY, fingerprint);
  const choice = await prompts.warn(noticeText(found), OPEN_USER_SETTINGS);
  if (choice === OPEN_USER_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', SERVER_URL_SETTING);
}

/** Reads the workspace settings now and whenever they change; `onChange` refreshes what shows the value. */
export function registerIgnoredServerUrl(context: vscode.ExtensionContext, onChange: () => void): void {
  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    const found = await scan();
    if (mine !== generation) return;
    const changed = found?.value !== current?.value || found?.file !== current?.file;
    current = found;
    if (changed) onChange();
    if (found) await notifyOnce(context, found);
  };
  const safeRefresh = () => void refresh().catch((err) => previewLog.warn(`Reading the workspace settings for ${SERVER_URL_SETTING} failed: ${String(err)}`));
  const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(safeRefresh),
    watcher.onDidChange(safeRefresh),
    watcher.onDidDelete(safeRefresh),
    vscode.workspace.onDidChangeWorkspaceFolders(safeRefresh),
    // The .code-workspace file's settings change through the configuration.
    vscode.workspace.onDidChangeConfiguration(safeRefresh),
  );
  safeRefresh();
}
