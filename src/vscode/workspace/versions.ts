import * as vscode from 'vscode';
import type { WorkflowVersionEntry } from '../../core/api';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { showDiff } from './diff';
import { failed, refused, type WorkspaceOutcome } from './outcome';
import { workspacePrompts } from './prompts';
import { guardedPush } from './push';
import { RemoteDocuments } from './remoteDocuments';
import { linkedTarget } from './remoteState';
import type { WorkspaceSession } from './session';

/** Versions of a linked file's workspace workflow: open one read-only, compare it with the local
 * file, or restore it (a push of that version's definition, with Push's guards). */

export type VersionAction = 'open' | 'compare' | 'restore';

export interface VersionsOptions {
  /** Skips the pickers (tests). */
  versionId?: string;
  action?: VersionAction;
}

function versionLabel(version: WorkflowVersionEntry, index: number): string {
  return `${version.id}${index === 0 ? ' (Live)' : ''}`;
}

export async function workflowVersions(deps: { session: WorkspaceSession; remote: RemoteDocuments; service: WorkflowService }, argument: unknown, options: VersionsOptions = {}): Promise<WorkspaceOutcome> {
  const target = await linkedTarget(argument);
  if (!target.ok) return target.outcome;
  const { uri, link } = target;
  const core = loadCore();
  const listed = await deps.session.run(`Listing the versions of ${link.url}`, async (callOptions, workspace) => {
    const versions = await core.listWorkflowVersions(callOptions, workspace, link.url);
    return versions.ok ? { ok: true as const, value: { workspace, versions: versions.value } } : versions;
  });
  if (!listed.ok) return failed(listed, `Could not list the versions of ${link.url}`);
  const { workspace, versions } = listed.value;
  if (versions.length === 0) return refused(`${link.url} has no versions in ${workspace}.`).result;

  let index = options.versionId === undefined ? -1 : versions.findIndex((v) => v.id === options.versionId);
  if (options.versionId === undefined) {
    const picked = await workspacePrompts.quickPick(
      versions.map((v, i) => ({ label: versionLabel(v, i), description: v.createdAt ? new Date(v.createdAt).toLocaleString() : undefined, detail: v.config === undefined ? 'The API did not include this version\'s definition.' : undefined, index: i })),
      { title: `Versions of ${link.name} in ${workspace} (newest first)` },
    );
    if (!picked) return { outcome: 'cancelled', message: 'No version chosen.' };
    index = picked.index;
  }
  const version = versions[index];
  if (!version) return refused(`${link.url} has no version ${options.versionId ?? ''} in ${workspace}.`).result;
  if (version.config === undefined) return refused(`The Roboflow API did not include the definition of version ${version.id}, so it cannot be opened here. Open it in the Roboflow web app.`).result;
  const unwrapped = core.unwrapConfig(version.config);
  if (!unwrapped.ok) return refused(`Version ${version.id} cannot be opened: ${unwrapped.message}`).result;
  const text = core.formatDefinition(unwrapped.definition);

  let action = options.action;
  if (action === undefined) {
    const actions: Array<vscode.QuickPickItem & { action: VersionAction }> = [
      { label: '$(eye) Open Read-Only', action: 'open' },
      { label: '$(diff) Compare with the Local File', action: 'compare' },
      ...(index === 0 ? [] : [{ label: '$(history) Restore as Live…', description: 'pushes this version, with the same checks as Push', action: 'restore' as const }]),
    ];
    action = (await workspacePrompts.quickPick(actions, { title: `Version ${versionLabel(version, index)} of ${link.name}` }))?.action;
    if (!action) return { outcome: 'cancelled', message: 'No action chosen.' };
  }
  if (action === 'open') {
    const remoteUri = deps.remote.put(RemoteDocuments.uriFor(workspace, link.url, { versionId: version.id }), text);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(remoteUri), { preview: false });
    return { outcome: 'done', message: `Opened version ${version.id} of ${link.url} read-only.`, uri: remoteUri.toString() };
  }
  if (action === 'compare') {
    await showDiff(deps.remote, { workspace, slug: link.url, revision: { versionId: version.id }, text, label: `version ${version.id}` }, uri);
    return { outcome: 'done', message: `Comparing version ${version.id} with ${vscode.workspace.asRelativePath(uri)}.`, uri: uri.toString() };
  }
  return guardedPush(deps, uri, link, { definition: unwrapped.definition, text, label: `version ${version.id}`, versionId: version.id });
}
