import type * as vscode from 'vscode';
import type { ApiResult, WorkflowLink, WorkspaceWorkflow } from '../../core/api';
import { loadCore } from '../core';
import { readLink } from './localFiles';
import { refused, refuseWhenRestricted, targetUri, type WorkspaceOutcome } from './outcome';
import type { WorkspaceSession } from './session';

/** A linked file's workspace side: the Live workflow now, unwrapped and hashed. */

export interface LiveWorkflow {
  workspace: string;
  workflow: WorkspaceWorkflow;
  definition: Record<string, unknown>;
  hash: string;
}

export function fetchLive(session: WorkspaceSession, link: WorkflowLink, title?: string): Promise<ApiResult<LiveWorkflow>> {
  const work = async (options: Parameters<Parameters<WorkspaceSession['run']>[1]>[0], workspace: string): Promise<ApiResult<LiveWorkflow>> => {
    if (workspace !== link.workspace) {
      return { ok: false, kind: 'invalid-request', message: `This file is linked to workspace \`${link.workspace}\`, but the stored API key belongs to \`${workspace}\`. Set that workspace's key to work with it.` };
    }
    const core = loadCore();
    const fetched = await core.fetchWorkflow(options, workspace, link.url);
    if (!fetched.ok) return fetched;
    const unwrapped = core.unwrapConfig(fetched.value.config);
    if (!unwrapped.ok) return { ok: false, kind: 'malformed', message: `The workspace's ${link.url}: ${unwrapped.message}` };
    return { ok: true, value: { workspace, workflow: fetched.value, definition: unwrapped.definition, hash: core.definitionHash(unwrapped.definition) } };
  };
  return title === undefined ? session.quietly(work) : session.run(title, work);
}

export type LinkedFile = { ok: true; link: WorkflowLink } | { ok: false; message: string };

export async function linkedFile(uri: vscode.Uri): Promise<LinkedFile> {
  const read = await readLink(uri);
  if (read.state === 'linked') return { ok: true, link: read.link };
  if (read.state === 'broken') return { ok: false, message: read.message };
  return { ok: false, message: `${uri.path.split('/').pop()} is not linked to a workspace workflow: pull one from the Roboflow Workflows view, or use "Create in Workspace".` };
}

/**
 * What Compare, Push and Versions start from: a trusted workspace and a linked workflow file (the
 * argument's, or the active editor's). Otherwise the user is told why, and the outcome says so.
 */
export async function linkedTarget(argument: unknown): Promise<{ ok: true; uri: vscode.Uri; link: WorkflowLink } | { ok: false; outcome: WorkspaceOutcome }> {
  const restricted = refuseWhenRestricted();
  if (restricted) return { ok: false, outcome: restricted };
  const uri = targetUri(argument);
  if (!uri) return { ok: false, outcome: refused('Open a linked workflow file first.').result };
  const linked = await linkedFile(uri);
  if (!linked.ok) return { ok: false, outcome: refused(linked.message).result };
  return { ok: true, uri, link: linked.link };
}
