import * as path from 'path';
import * as vscode from 'vscode';
import type { WorkflowLink } from '../../core/api';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { showDiff } from './diff';
import { currentText, writeLink } from './localFiles';
import { done, failed, refused, type WorkspaceOutcome } from './outcome';
import { workspacePrompts } from './prompts';
import { linkFor } from './pull';
import { RemoteDocuments } from './remoteDocuments';
import { fetchLive, linkedTarget } from './remoteState';
import type { WorkspaceSession } from './session';

/**
 * Push: saves a linked file's definition as the workspace workflow's Live version. Guards, in
 * order: no errors in the definition; the workspace still holds what was pulled (else refuse and
 * offer the diff: nothing is overwritten silently); the diff shown; a modal confirmation saying the
 * save is Live at once. Restore is the same with an earlier version's definition.
 */

export const LIVE_WARNING =
  'The save becomes the Live version at once, for everyone and everything that runs this workflow (deployments, the hosted API, apps calling it). Earlier versions stay in its version history.';

export interface PushSource {
  /** The definition to save (the local file's, or a version's for Restore). */
  definition: Record<string, unknown>;
  /** Its text, for the diff and the lint. */
  text: string;
  /** "local file" or "version v3". */
  label: string;
  versionId?: string;
}

export function errorCount(service: WorkflowService, text: string): number {
  return loadCore()
    .lintWorkflow(text, service.catalog(), { storedSecrets: service.storedSecrets() })
    .findings.filter((f) => f.severity === 'error').length;
}

/** The shared guarded save; `source` undefined means the local file as it is now. */
export async function guardedPush(deps: { session: WorkspaceSession; remote: RemoteDocuments; service: WorkflowService }, uri: vscode.Uri, link: WorkflowLink, source: PushSource): Promise<WorkspaceOutcome> {
  const core = loadCore();
  const name = path.posix.basename(uri.path);
  const errors = errorCount(deps.service, source.text);
  if (errors > 0) {
    const { result, choice } = refused(`Not pushed: the ${source.label} of ${name} has ${errors === 1 ? '1 error' : `${errors} errors`}. Fix ${errors === 1 ? 'it' : 'them'} first (see the Problems view).`, 'Show Problems');
    void choice.then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return result;
  }
  const live = await fetchLive(deps.session, link, `Checking ${link.url} in the workspace`);
  if (!live.ok) return failed(live, `Not pushed`);
  const { workspace } = live.value;
  const pushHash = core.definitionHash(source.definition);
  if (live.value.hash !== link.pulled.definitionHash && live.value.hash !== pushHash) {
    const { result, choice } = refused(
      `Not pushed: ${link.name} changed in workspace ${workspace} since you pulled it. Pushing would overwrite that change. Compare, merge what you need into ${name}, then pull again before pushing.`,
      'Show Diff',
    );
    void choice.then((c) => (c ? showDiff(deps.remote, { workspace, slug: link.url, revision: 'live', text: core.formatDefinition(live.value.definition), label: `${workspace} Live` }, uri) : undefined));
    return result;
  }
  if (live.value.hash === pushHash) {
    await writeLink(uri, linkFor(workspace, live.value.workflow, live.value.definition, source.versionId));
    return done(`Nothing to push: ${workspace}'s Live ${link.url} already holds this definition.`, uri);
  }
  // The diff first, so the confirmation is about something seen.
  await showDiff(deps.remote, { workspace, slug: link.url, revision: 'live', text: core.formatDefinition(live.value.definition), label: `${workspace} Live` }, source.versionId ? deps.remote.put(RemoteDocuments.uriFor(workspace, link.url, { versionId: source.versionId }), source.text) : uri);
  const accepted = await workspacePrompts.confirm(
    `Push ${source.label === 'local file' ? name : source.label} to ${workspace} as the Live version of "${link.name}"?`,
    LIVE_WARNING,
    'Push to Live',
  );
  if (!accepted) return { outcome: 'cancelled', message: 'Not pushed.' };
  const saved = await deps.session.run(`Pushing ${link.url} to ${workspace}`, async (options, ws) => {
    const update = await core.updateWorkflow(options, { workspace: ws, id: live.value.workflow.id, name: live.value.workflow.name, url: link.url, definition: source.definition });
    if (!update.ok) return update;
    return core.fetchWorkflow(options, ws, link.url); // what the workspace now holds, for the link
  });
  if (!saved.ok) return failed(saved, 'Not pushed');
  const stored = core.unwrapConfig(saved.value.config);
  const storedDefinition = stored.ok ? stored.definition : source.definition;
  await writeLink(uri, linkFor(workspace, saved.value, storedDefinition, source.versionId));
  return done(`${source.versionId ? `Restored version ${source.versionId} of` : 'Pushed'} ${link.name}: it is now Live in ${workspace}.`, uri);
}

export async function pushWorkflow(deps: { session: WorkspaceSession; remote: RemoteDocuments; service: WorkflowService }, argument: unknown): Promise<WorkspaceOutcome> {
  const target = await linkedTarget(argument);
  if (!target.ok) return target.outcome;
  const { uri, link } = target;
  const text = await currentText(uri);
  const definition = text === undefined ? undefined : loadCore().localDefinition(text);
  if (text === undefined || !definition) return refused(`Not pushed: ${path.posix.basename(uri.path)} is not a JSON object.`).result;
  return guardedPush(deps, uri, link, { definition, text, label: 'local file' });
}
