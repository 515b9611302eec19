import * as vscode from 'vscode';
import type { ServerView } from '../../protocol/preview';
import { loadCore } from '../core';
import { ignoredWorkspaceServerUrl } from '../ignoredServerUrl';
import { configuredServerUrl } from '../serverSettings';

/**
 * Where preview runs go, and how long they may take. `roboflowWorkflows.serverUrl` is declared with
 * `"scope": "application"` and listed in `restrictedConfigurations`, so only the user's own
 * settings choose where the API key is sent. As a second guard, workspace and folder values are
 * ignored here even if VS Code offered them: only the user (global) value or the default is read.
 */

export const SETTINGS = Object.freeze({
  section: 'roboflowWorkflows',
  serverUrl: 'serverUrl',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
});

export const FULL_SERVER_URL_SETTING = `${SETTINGS.section}.${SETTINGS.serverUrl}`;

export interface ServerSetting {
  view: ServerView;
  /** The normalised URL, when usable. */
  url?: string;
  timeoutMs: number;
}

function describeServer(url: string, isLoopback: boolean): string {
  const host = new URL(url).host;
  if (isLoopback) return `This machine (${host})`;
  if (/(^|\.)roboflow\.(com|eu)$/.test(new URL(url).hostname) && /^serverless\./.test(host)) return `Roboflow hosted (${host})`;
  return `Your server (${host})`;
}

export function readServerSetting(): ServerSetting {
  const config = vscode.workspace.getConfiguration(SETTINGS.section);
  const inspected = config.inspect<string>(SETTINGS.serverUrl);
  // The user's own value or the default, never a workspace's (shared with the catalog refresh).
  const raw = configuredServerUrl();
  // VS Code usually drops application-scoped values from workspace files: those are read directly.
  const workspaceValue = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? ignoredWorkspaceServerUrl()?.value;
  const ignoredWorkspaceValue = typeof workspaceValue === 'string' && workspaceValue.trim() !== '' && workspaceValue !== raw ? workspaceValue.slice(0, 200) : undefined;

  const timeoutInspect = config.inspect<number>(SETTINGS.requestTimeoutSeconds);
  const seconds = timeoutInspect?.globalValue ?? timeoutInspect?.defaultValue ?? 120;
  const timeoutMs = Math.round(Math.min(3600, Math.max(1, Number.isFinite(seconds) ? seconds : 120)) * 1000);

  const checked = loadCore().normaliseServerUrl(raw);
  if (!checked.ok) {
    return { view: { label: 'Not usable', problem: checked.message, ...(ignoredWorkspaceValue && { ignoredWorkspaceValue }) }, timeoutMs };
  }
  return {
    url: checked.url,
    timeoutMs,
    view: { url: checked.url, label: describeServer(checked.url, checked.isLoopback), ...(ignoredWorkspaceValue && { ignoredWorkspaceValue }) },
  };
}
