import * as path from 'path';
import * as vscode from 'vscode';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { currentText, readLink, writeLink } from './localFiles';
import { done, failed, refused, refuseWhenRestricted, targetUri, type WorkspaceOutcome } from './outcome';
import { workspacePrompts } from './prompts';
import { errorCount, LIVE_WARNING } from './push';
import { linkFor } from './pull';
import type { WorkspaceSession } from './session';

/** Create: a local workflow file that is not linked yet becomes a new workflow of the key's
 * workspace (createWorkflow), and is linked to it. */

export interface CreateOptions {
  /** The display name (skips the input box). */
  name?: string;
}

export async function createInWorkspace(deps: { session: WorkspaceSession; service: WorkflowService }, argument: unknown, options: CreateOptions = {}): Promise<WorkspaceOutcome> {
  const restricted = refuseWhenRestricted();
  if (restricted) return restricted;
  const core = loadCore();
  const uri = targetUri(argument);
  if (!uri || !uri.path.endsWith('.workflow.json')) return refused('Open a `.workflow.json` file to create a workspace workflow from it.').result;
  const fileName = path.posix.basename(uri.path);
  const existing = await readLink(uri);
  if (existing.state === 'linked') return refused(`${fileName} is already linked to ${existing.link.workspace}/${existing.link.url}: use Push.`).result;
  const text = await currentText(uri);
  const definition = text === undefined ? undefined : core.localDefinition(text);
  if (text === undefined || !definition) return refused(`Not created: ${fileName} is not a JSON object.`).result;
  const errors = errorCount(deps.service, text);
  if (errors > 0) return refused(`Not created: ${fileName} has ${errors === 1 ? '1 error' : `${errors} errors`}. Fix ${errors === 1 ? 'it' : 'them'} first.`).result;

  const suggested = fileName.replace(/\.workflow\.json$/, '').replace(/[-_]+/g, ' ');
  const name = options.name ?? (await workspacePrompts.inputBox({ title: 'Name of the new workspace workflow', value: suggested, validateInput: (v) => (core.slugFromName(v) ? undefined : 'Use at least one letter or digit.') }));
  if (!name) return { outcome: 'cancelled', message: 'Not created.' };
  const slug = core.slugFromName(name);
  if (!options.name && !(await workspacePrompts.confirm(`Create "${name}" (${slug}) in your Roboflow workspace from ${fileName}?`, LIVE_WARNING, 'Create'))) {
    return { outcome: 'cancelled', message: 'Not created.' };
  }
  const created = await deps.session.run(`Creating ${slug} in the workspace`, async (callOptions, workspace) => {
    const made = await core.createWorkflow(callOptions, { workspace, name, url: slug, definition });
    if (!made.ok) return made;
    const fetched = await core.fetchWorkflow(callOptions, workspace, slug);
    return fetched.ok ? { ok: true as const, value: { workspace, workflow: fetched.value } } : fetched;
  });
  if (!created.ok) return failed(created, `Could not create ${slug}`);
  await writeLink(uri, linkFor(created.value.workspace, created.value.workflow, definition));
  return done(`Created ${name} in ${created.value.workspace} from ${vscode.workspace.asRelativePath(uri)}; the file is linked to it.`, uri);
}
