import * as path from 'path';
import * as vscode from 'vscode';
import { loadCore } from '../core';
import { failed, type WorkspaceOutcome } from './outcome';
import { RemoteDocuments } from './remoteDocuments';
import { fetchLive, linkedTarget } from './remoteState';
import type { WorkspaceSession } from './session';

/** Compare a linked file with the workspace's Live definition (or shows a given text against it). */

export async function showDiff(remote: RemoteDocuments, left: { workspace: string; slug: string; revision: 'live' | { versionId: string }; text: string; label: string }, local: vscode.Uri): Promise<void> {
  const uri = remote.put(RemoteDocuments.uriFor(left.workspace, left.slug, left.revision), left.text);
  await vscode.commands.executeCommand('vscode.diff', uri, local, `${path.posix.basename(local.path)}: ${left.label} ↔ local`, { preview: false });
}

export async function diffWithWorkspace(session: WorkspaceSession, remote: RemoteDocuments, argument: unknown): Promise<WorkspaceOutcome> {
  const target = await linkedTarget(argument);
  if (!target.ok) return target.outcome;
  const { uri, link } = target;
  const live = await fetchLive(session, link, `Fetching ${link.url} from the workspace`);
  if (!live.ok) return failed(live, `Could not compare ${link.url}`);
  await showDiff(remote, { workspace: live.value.workspace, slug: link.url, revision: 'live', text: loadCore().formatDefinition(live.value.definition), label: `${live.value.workspace} Live` }, uri);
  return { outcome: 'done', message: `Comparing ${vscode.workspace.asRelativePath(uri)} with ${live.value.workspace}'s Live ${link.url}.`, uri: uri.toString() };
}
