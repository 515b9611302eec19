import * as vscode from 'vscode';
import type { OptionAvailability, SharingOption, SharingSettings } from '../../core/api';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { prompts, tell } from './prompts';
import { readSettings, readText, setSidecarOption, sidecarUriFor } from './sidecarFiles';
import { fileName, resolveTarget, SAVE_FIRST } from './target';

export const SHARING_COMMANDS = Object.freeze({
  toggleRunAccess: 'roboflowWorkflows.toggleRunAccess',
  toggleHiddenCredentials: 'roboflowWorkflows.toggleHiddenCredentials',
  exportShareableDefinition: 'roboflowWorkflows.exportShareableDefinition',
  openSharingConfiguration: 'roboflowWorkflows.openSharingConfiguration',
});

/** What a toggle did; `reason` says why nothing changed (not offered, cancelled, edit refused). */
export interface ToggleResult {
  changed: boolean;
  option: SharingOption;
  reason?: string;
  /** The value set, when changed. */
  value?: string;
  sidecar?: string;
}

export interface ExportResult {
  exported: boolean;
  reason?: string;
  /** The untitled document holding the shareable definition. */
  uri?: string;
  settings?: SharingSettings;
  notes?: string[];
}

const ON: { [K in SharingOption]: SharingSettings[K] } = { runAccess: 'owner-key', credentials: 'owner-hidden' };
const LABEL: Record<SharingOption, string> = { runAccess: 'Run access', credentials: 'Credentials' };

function list(items: readonly string[]): string {
  const unique = [...new Set(items)].map((i) => `\`${i}\``);
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

/** The modal question before turning an option on: what it costs and what stays private. */
function confirmation(option: SharingOption, availability: OptionAvailability, workflow: vscode.Uri): { message: string; detail: string; button: string } {
  const name = fileName(workflow);
  if (option === 'runAccess') {
    return {
      message: `Let people you share ${name} with run it under your Roboflow key?`,
      detail:
        `Their runs will count against your Roboflow usage and billing, including the private ${availability.steps.length === 1 ? 'model' : 'models'} ` +
        `${list(availability.steps.map((s) => s.detail))}. Your API key and your model data stay private: they are never shown to them, and are redacted from anything they see.`,
      button: 'Turn On',
    };
  }
  return {
    message: `Let people you share ${name} with run it with your credentials?`,
    detail:
      `Steps ${availability.steps.map((s) => `\`${s.stepName}\` (${s.detail})`).join(', ')} will use your credentials when they run it: ` +
      'the usage of those services counts against you. Your credentials stay private: they are never shown to them, and are redacted from outputs and errors.',
    button: 'Allow',
  };
}

async function toggle(service: WorkflowService, option: SharingOption, arg?: unknown): Promise<ToggleResult> {
  const refuse = (reason: string): ToggleResult => {
    tell(reason);
    return { changed: false, option, reason };
  };
  const { target, reason } = await resolveTarget(service, arg);
  if (!target) return refuse(reason);
  const core = loadCore();
  const availability = core.sharingAvailability(target.security)[option];
  if (!availability.available) return refuse(availability.reason);
  if (!target.canHaveSidecar) return refuse(SAVE_FIRST);

  const current = (await readSettings(target.workflow))[option];
  const value = core.toggledValue(option, current);
  if (value === ON[option]) {
    const { message, detail, button } = confirmation(option, availability, target.workflow);
    if (!(await prompts.confirm(message, detail, button))) return { changed: false, option, reason: 'Cancelled: nothing was changed.' };
  }
  const { applied, sidecar } = await setSidecarOption(target.workflow, option, value);
  if (!applied) return refuse(`${fileName(sidecarUriFor(target.workflow))} could not be edited; nothing was changed.`);
  vscode.window.setStatusBarMessage(`${LABEL[option]}: ${value} (${fileName(sidecar)})`, 5000);
  return { changed: true, option, value, sidecar: sidecar.toString() };
}

async function exportShareable(service: WorkflowService, arg?: unknown): Promise<ExportResult> {
  const { target, reason } = await resolveTarget(service, arg);
  if (!target) {
    tell(reason);
    return { exported: false, reason };
  }
  const core = loadCore();
  const settings = target.canHaveSidecar ? await readSettings(target.workflow) : { ...core.DEFAULT_SHARING_SETTINGS };
  let text: string;
  let notes: string[];
  try {
    // SecretStorage's values must not leave in any spelling, wherever they were pasted.
    const storedSecrets = await service.settledStoredSecrets();
    ({ text, notes } = core.exportShareableDefinition(target.text, service.catalog(), settings, { storedSecrets }));
  } catch (err) {
    const message = err instanceof core.ExportError ? err.message : `The shareable definition could not be made: ${err instanceof Error ? err.message : String(err)}`;
    tell(message, 'error');
    return { exported: false, reason: message };
  }
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  const how = `run access ${settings.runAccess}, credentials ${settings.credentials}`;
  tell(`Shareable definition of ${fileName(target.workflow)} (${how}).${notes.length ? ` ${notes.join(' ')}` : ''}`);
  return { exported: true, uri: document.uri.toString(), settings, notes };
}

async function openSharingConfiguration(service: WorkflowService, arg?: unknown): Promise<{ opened: boolean; reason?: string }> {
  const { target, reason } = await resolveTarget(service, arg);
  const why = reason ?? (target!.canHaveSidecar ? undefined : SAVE_FIRST);
  if (why) {
    tell(why);
    return { opened: false, reason: why };
  }
  const sidecar = sidecarUriFor(target!.workflow);
  if ((await readText(sidecar)) === undefined) {
    const defaults = loadCore().DEFAULT_SHARING_SETTINGS;
    const message =
      `${fileName(target!.workflow)} has no sharing configuration yet, so the defaults apply (run access ${defaults.runAccess}, credentials ${defaults.credentials}). ` +
      `The sharing toggles create ${fileName(sidecar)}.`;
    tell(message);
    return { opened: false, reason: message };
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sidecar), { preview: false });
  return { opened: true };
}

export function registerSharingCommands(context: vscode.ExtensionContext, service: WorkflowService): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHARING_COMMANDS.toggleRunAccess, (arg?: unknown) => toggle(service, 'runAccess', arg)),
    vscode.commands.registerCommand(SHARING_COMMANDS.toggleHiddenCredentials, (arg?: unknown) => toggle(service, 'credentials', arg)),
    vscode.commands.registerCommand(SHARING_COMMANDS.exportShareableDefinition, (arg?: unknown) => exportShareable(service, arg)),
    vscode.commands.registerCommand(SHARING_COMMANDS.openSharingConfiguration, (arg?: unknown) => openSharingConfiguration(service, arg)),
  );
}
