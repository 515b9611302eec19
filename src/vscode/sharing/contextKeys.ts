import * as vscode from 'vscode';
import type { SharingAvailability } from '../../core/api';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { isSidecarUri, workflowUriFor } from './sidecarFiles';
import { resolveTarget } from './target';

/** When-clause context keys, from the ACTIVE editor: they decide which sharing commands the
 * Command Palette offers (package.json `menus.commandPalette`). */
export const CONTEXT_KEYS = Object.freeze({
  /** The active editor holds a Roboflow workflow. */
  isWorkflow: 'roboflowWorkflows.isWorkflow',
  /** The active editor holds a sharing configuration (`*.sharing.json`). */
  isSharingFile: 'roboflowWorkflows.isSharingFile',
  /** The active workflow (or the one beside the active sharing configuration) uses a private model: run access applies. */
  hasPrivateModel: 'roboflowWorkflows.hasPrivateModel',
  /** … has a step that needs credentials: hidden-credential sharing applies. */
  hasCredentialedStep: 'roboflowWorkflows.hasCredentialedStep',
});

export type ContextKeyValues = { [K in keyof typeof CONTEXT_KEYS]: boolean };

/** The values for an active editor: nothing applies without a workflow. */
export function computeContextKeys(editor: { isWorkflow: boolean; isSharingFile: boolean; availability?: SharingAvailability }): ContextKeyValues {
  const target = editor.isWorkflow || editor.isSharingFile;
  return {
    isWorkflow: editor.isWorkflow,
    isSharingFile: editor.isSharingFile,
    hasPrivateModel: target && !!editor.availability?.runAccess.available,
    hasCredentialedStep: target && !!editor.availability?.credentials.available,
  };
}

/** Keeps the context keys in step with the active editor; returns a getter of the last values set. */
export function registerContextKeys(context: vscode.ExtensionContext, service: WorkflowService): () => ContextKeyValues {
  let current = computeContextKeys({ isWorkflow: false, isSharingFile: false });
  let generation = 0;

  const apply = async (values: ContextKeyValues) => {
    const changed = (Object.keys(CONTEXT_KEYS) as (keyof typeof CONTEXT_KEYS)[]).filter((k) => values[k] !== current[k]);
    current = values;
    await Promise.all(changed.map((k) => vscode.commands.executeCommand('setContext', CONTEXT_KEYS[k], values[k])));
  };

  const update = async () => {
    const mine = ++generation;
    const document = vscode.window.activeTextEditor?.document;
    let values = computeContextKeys({ isWorkflow: false, isSharingFile: false });
    if (document) {
      const isSharingFile = isSidecarUri(document.uri);
      const isWorkflow = !isSharingFile && service.isWorkflow(document);
      let availability: SharingAvailability | undefined;
      if (isWorkflow || isSharingFile) {
        const { target } = await resolveTarget(service, document.uri);
        if (target) availability = loadCore().sharingAvailability(target.security);
      }
      values = computeContextKeys({ isWorkflow, isSharingFile, availability });
    }
    if (mine === generation) await apply(values);
  };
  const safeUpdate = () => void update().catch(() => undefined);

  const concernsActive = (uri: vscode.Uri) => {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (!active) return false;
    const key = uri.toString();
    return active.toString() === key || (isSidecarUri(active) && workflowUriFor(active)?.toString() === key);
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(safeUpdate),
    service.onDidAnalyze((analysis) => {
      if (concernsActive(analysis.document.uri)) safeUpdate();
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (concernsActive(d.uri)) safeUpdate();
    }),
    service.onDidChangeCatalog(safeUpdate),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('roboflowWorkflows')) safeUpdate();
    }),
  );
  safeUpdate();
  return () => ({ ...current });
}
