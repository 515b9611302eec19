import * as path from 'path';
import * as vscode from 'vscode';
import type { WorkflowLink, WorkspaceWorkflow } from '../../core/api';
import { loadCore } from '../core';
import { currentText, readLink, writeLink, writeText } from './localFiles';
import { done, failed, refuseWhenRestricted, type WorkspaceOutcome } from './outcome';
import { workspacePrompts } from './prompts';
import type { WorkspaceSession } from './session';

/** Pull: a workspace workflow into `<slug>.workflow.json` (formatted) in a folder the user picks,
 * with its link file; asks before replacing local changes. */

export interface PullOptions {
  /** Skips the folder picker (tests, Pull again from a linked file). */
  folder?: vscode.Uri;
}

export function linkFor(workspace: string, workflow: WorkspaceWorkflow, definition: Record<string, unknown>, versionId?: string): WorkflowLink {
  return {
    format: 1,
    workspace,
    id: workflow.id,
    url: workflow.url,
    name: workflow.name,
    pulled: { definitionHash: loadCore().definitionHash(definition), ...(workflow.updatedAt && { updatedAt: workflow.updatedAt }), ...(versionId && { versionId }), at: new Date().toISOString() },
  };
}

async function pickWorkflow(session: WorkspaceSession): Promise<string | undefined> {
  const listed = await session.run('Listing the workspace\'s workflows', (options, workspace) => loadCore().listWorkflows(options, workspace));
  if (!listed.ok) {
    failed(listed, 'Could not list the workflows');
    return undefined;
  }
  const picked = await workspacePrompts.quickPick(
    listed.value.map((w) => ({ label: w.name, description: w.url, slug: w.url })),
    { title: 'Pull a workflow from the workspace', placeHolder: 'Workflow to open as a local file' },
  );
  return picked?.slug;
}

/** True when replacing the file at `target` loses nothing, or the user agreed. */
async function mayOverwrite(target: vscode.Uri, incomingHash: string): Promise<boolean> {
  const core = loadCore();
  const text = await currentText(target);
  if (text === undefined) return true;
  const localHash = core.localDefinitionHash(text);
  if (localHash === incomingHash) return true;
  const link = await readLink(target);
  if (link.state === 'linked' && localHash === link.link.pulled.definitionHash) return true; // unchanged since the last pull
  return workspacePrompts.confirm(
    `${path.posix.basename(target.path)} has local changes. Replace them with the workspace's version?`,
    'Your local edits to this file are lost (Undo in its editor brings them back while it stays open). Use "Compare with Workspace" first to see them.',
    'Replace Local Changes',
  );
}

export async function pullWorkflow(session: WorkspaceSession, slugArgument: unknown, options: PullOptions = {}): Promise<WorkspaceOutcome> {
  const restricted = refuseWhenRestricted();
  if (restricted) return restricted;
  const core = loadCore();
  const slug = typeof slugArgument === 'string' && slugArgument !== '' ? slugArgument : await pickWorkflow(session);
  if (!slug) return { outcome: 'cancelled', message: 'No workflow chosen.' };
  const fetched = await session.run(`Pulling ${slug}`, async (callOptions, workspace) => {
    const workflow = await core.fetchWorkflow(callOptions, workspace, slug);
    return workflow.ok ? { ok: true as const, value: { workspace, workflow: workflow.value } } : workflow;
  });
  if (!fetched.ok) return failed(fetched, `Could not pull ${slug}`);
  const { workspace, workflow } = fetched.value;
  const unwrapped = core.unwrapConfig(workflow.config);
  if (!unwrapped.ok) return failed({ ok: false, kind: 'malformed', message: unwrapped.message }, `Could not pull ${workflow.name}`);

  const folder = options.folder ?? (await workspacePrompts.pickFolder(vscode.workspace.workspaceFolders?.[0]?.uri));
  if (!folder) return { outcome: 'cancelled', message: 'No folder chosen.' };
  const target = vscode.Uri.joinPath(folder, `${workflow.url}.workflow.json`);
  const hash = core.definitionHash(unwrapped.definition);
  if (!(await mayOverwrite(target, hash))) return { outcome: 'cancelled', message: `${path.posix.basename(target.path)} was left as it is.` };

  await writeText(target, core.formatDefinition(unwrapped.definition));
  await writeLink(target, linkFor(workspace, workflow, unwrapped.definition));
  await vscode.window.showTextDocument(target, { preview: false });
  return done(`Pulled ${workflow.name} from ${workspace} into ${vscode.workspace.asRelativePath(target)}.`, target);
}
