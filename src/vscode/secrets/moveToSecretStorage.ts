import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toWorkspaceEdit } from '../convert';
import { loadCore } from '../core';
import { prompts, tell } from '../sharing/prompts';
import type { WorkflowService } from '../workflowService';
import { SecretStorageUnavailableError, type SecretStore } from './secretStore';
import { WORKFLOW_SELECTOR } from '../workflowDocuments';

/** "Move to SecretStorage", the quick fix on a credential written in a workflow: stores the value
 * in SecretStorage FIRST, and only when that worked applies the core's edits — the literal becomes
 * `$inputs.<name>` and a WorkflowParameter of kind `secret` is added — as one undoable edit. */

export const MOVE_TO_SECRET_STORAGE_COMMAND = 'roboflowWorkflows.moveSecretToStorage';
const LITERAL_SECRET = 'literal-secret';

export interface MoveResult {
  moved: boolean;
  /** The input the step reads now, which is also the SecretStorage name. */
  inputName?: string;
  reason?: string;
}

function findDocument(arg: unknown): vscode.TextDocument | undefined {
  const key = arg instanceof vscode.Uri ? arg.toString() : typeof arg === 'string' ? arg : vscode.window.activeTextEditor?.document.uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

export async function moveSecretToStorage(service: WorkflowService, store: SecretStore, uriArg: unknown, offsetArg: unknown): Promise<MoveResult> {
  const fail = (reason: string, kind: 'info' | 'error' = 'info'): MoveResult => {
    tell(reason, kind);
    return { moved: false, reason };
  };
  const document = findDocument(uriArg);
  if (!document) return fail('Open the workflow that holds the credential first.');
  const offset = typeof offsetArg === 'number' ? offsetArg : document.offsetAt(vscode.window.activeTextEditor?.selection.active ?? new vscode.Position(0, 0));
  const core = loadCore();
  const catalog = service.catalog();
  const text = document.getText();
  const stored = await service.settledStoredSecrets();
  const fix = core.literalSecretFixAt(text, catalog, offset, stored);
  const value = fix && core.readSecretLiteral(text, fix.valueRange);
  if (!fix || !value) return fail('There is no credential written in the file here.');

  try {
    const ref = { provider: fix.provider, name: fix.inputName };
    const existing = await store.getCredential(ref);
    if (existing !== undefined && existing !== value) {
      const replace = await prompts.confirm(
        `Replace the credential stored as \`${fix.inputName}\`?`,
        `SecretStorage already holds a different value named \`${fix.inputName}\` (other workflows may read it). It will be replaced by the one written in ${document.uri.path.split('/').pop()}.`,
        'Replace',
      );
      if (!replace) return { moved: false, inputName: fix.inputName, reason: 'Cancelled: nothing was changed.' };
    }
    await store.setCredential(ref, value);
  } catch (err) {
    const reason = err instanceof SecretStorageUnavailableError ? `${err.message} The credential is still written in the file.` : `The credential could not be stored: ${err instanceof Error ? err.message : String(err)}`;
    return fail(reason, 'error');
  }

  // The document may have changed while the value was being stored: recompute against it now.
  const now = document.getText();
  const current = now === text ? fix : core.literalSecretFixAt(now, catalog, offset, stored);
  if (!current || current.inputName !== fix.inputName || core.readSecretLiteral(now, current.valueRange) !== value) {
    return fail(`The workflow changed while the credential was being stored; it is stored as \`${fix.inputName}\`, but the file was left as it is. Run the fix again.`);
  }
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(document, current.edits));
  if (!applied) return fail(`The credential is stored as \`${fix.inputName}\`, but the workflow could not be edited.`, 'error');
  return { moved: true, inputName: fix.inputName };
}

/** Offers the fix on each literal-secret diagnostic, as a command (storing cannot be a plain edit). */
class MoveToSecretStorageActions implements vscode.CodeActionProvider {
  constructor(private readonly service: WorkflowService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const candidates = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === LITERAL_SECRET);
    if (!candidates.length || !this.service.isWorkflow(document)) return [];
    // Only where an input can take the value's place (not a key inside a URL or a prompt).
    const movable = new Set(
      this.service
        .analyze(document)
        .result.findings.filter((f) => f.code === LITERAL_SECRET && f.fixes?.some((fix) => fix.hostAction === 'store-secret'))
        .map((f) => f.range.offset),
    );
    const diagnostics = candidates.filter((d) => movable.has(document.offsetAt(d.range.start)));
    return diagnostics.map((diagnostic) => {
      const action = new vscode.CodeAction('Move to SecretStorage', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.command = {
        command: MOVE_TO_SECRET_STORAGE_COMMAND,
        title: 'Move to SecretStorage',
        arguments: [document.uri.toString(), document.offsetAt(diagnostic.range.start)],
      };
      return action;
    });
  }
}

export function registerMoveToSecretStorage(context: vscode.ExtensionContext, service: WorkflowService, store: SecretStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(MOVE_TO_SECRET_STORAGE_COMMAND, (uri?: unknown, offset?: unknown) => moveSecretToStorage(service, store, uri, offset)),
    vscode.languages.registerCodeActionsProvider(WORKFLOW_SELECTOR, new MoveToSecretStorageActions(service), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}
