import * as path from 'path';
import * as vscode from 'vscode';
import type { Redactor, ServerIdentity, ServerVerdict } from '../../core/api';
import type { ServerIdentityCache } from '../../core/server/serverIdentity';
import { loadCore } from '../core';
import type { WorkflowDiagnostics } from '../diagnostics';
import { previewLog } from '../preview/log';
import { allStoredSecrets } from '../preview/runPreview';
import { FULL_SERVER_URL_SETTING, readServerSetting } from '../preview/serverSetting';
import type { SecretStore } from '../secrets/secretStore';
import type { WorkflowService } from '../workflowService';

/**
 * Validate on Server: sends the definition to the configured server's `POST /workflows/validate`
 * and shows its verdict beside the local one. Rejections become diagnostics in the workflow
 * diagnostics collection, marked with the server as their source; every string shown has been
 * through a redactor that knows the key and every stored secret.
 */

export const VALIDATE_ON_SERVER_COMMAND = 'roboflowWorkflows.validateOnServer';

/** An error answer is a few kilobytes; anything near this is not one. */
export const VALIDATE_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export const VALIDATE_RESTRICTED_TEXT =
  'Validate on Server is disabled in Restricted Mode: it sends this workflow and your Roboflow API key to an inference server, ' +
  'and this workspace is not trusted yet. Trust the workspace to use it; local validation keeps working either way.';

export interface ValidateOnServerResult {
  /** compiles / rejects: the server's verdict · failed: no verdict (see message) · not-sent: refused before sending. */
  outcome: 'compiles' | 'rejects' | 'failed' | 'not-sent';
  /** What the user was told (redacted). */
  message: string;
  /** The diagnostics' source, e.g. `Roboflow server (inference 1.8.3)`. */
  source?: string;
  problems?: number;
}

export interface ValidateDeps {
  service: WorkflowService;
  store: SecretStore;
  diagnostics: WorkflowDiagnostics;
  identities: ServerIdentityCache;
}

function notSent(message: string, show: (text: string) => void): ValidateOnServerResult {
  show(message);
  return { outcome: 'not-sent', message };
}

async function secretsRedactor(deps: ValidateDeps, document: vscode.TextDocument): Promise<Redactor> {
  const core = loadCore();
  const redactor = new core.Redactor(await allStoredSecrets(deps.store));
  // Credentials written into the definition travel with it.
  for (const value of core.literalSecretValues(deps.service.analyze(document).result.security)) redactor.add(value);
  return redactor;
}

function toDiagnostics(document: vscode.TextDocument, deps: ValidateDeps, verdict: Extract<ServerVerdict, { verdict: 'rejects' }>, source: string, redactor: Redactor): vscode.Diagnostic[] {
  // The document is unchanged since it was sent, so its analysis locates what the server judged.
  const model = deps.service.analyze(document).result.model;
  return loadCore()
    .locateServerErrors(verdict.failure, model)
    .map((finding) => {
      const range = new vscode.Range(document.positionAt(finding.range.offset), document.positionAt(finding.range.offset + finding.range.length));
      const diagnostic = new vscode.Diagnostic(range, redactor.redact(finding.message), vscode.DiagnosticSeverity.Error);
      diagnostic.source = source;
      diagnostic.code = redactor.redact(finding.code);
      return diagnostic;
    });
}

export async function validateOnServer(document: vscode.TextDocument, deps: ValidateDeps): Promise<ValidateOnServerResult> {
  const core = loadCore();
  const fileName = path.posix.basename(document.uri.path);
  if (!vscode.workspace.isTrusted) {
    return notSent(VALIDATE_RESTRICTED_TEXT, (text) =>
      void vscode.window.showWarningMessage(text, 'Manage Workspace Trust').then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage')),
    );
  }
  const server = readServerSetting();
  if (!server.url) {
    return notSent(server.view.problem ?? 'The server URL cannot be used.', (text) =>
      void vscode.window.showErrorMessage(text, 'Open the Setting').then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', FULL_SERVER_URL_SETTING)),
    );
  }
  const serverUrl = server.url;
  const specification = core.parseSpecification(document.getText());
  if (!specification.ok) return notSent(specification.message, (text) => void vscode.window.showErrorMessage(text));

  const version = document.version;
  const redactor = await secretsRedactor(deps, document);
  let apiKey: string | undefined;
  try {
    apiKey = await deps.store.getApiKey();
  } catch {
    apiKey = undefined; // compiling rarely needs a key; a server that does will say so
  }
  const identity: Promise<ServerIdentity> = deps.identities.lookup(serverUrl);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Validating ${fileName} on ${serverUrl}`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return core.validateWorkflowOnServer({
        serverUrl,
        redactor,
        apiKey,
        specification: specification.value,
        signal: abort.signal,
        timeoutMs: server.timeoutMs,
        maxResponseBytes: VALIDATE_MAX_RESPONSE_BYTES,
      });
    },
  );
  const software = core.describeServerSoftware(await identity);
  const source = `Roboflow server (${software})`;
  const serverName = `${software}, ${serverUrl}`;
  const verdict = core.serverVerdict(result);
  const log = (line: string) => previewLog.info(`Validate on Server: ${fileName} on ${serverName}: ${line}`, redactor);

  switch (verdict.verdict) {
    case 'compiles': {
      deps.diagnostics.setServerDiagnostics(document, version, []);
      const message = redactor.redact(`The server (${serverName}) compiles this workflow.`);
      log('compiles');
      void vscode.window.showInformationMessage(message);
      return { outcome: 'compiles', message, source };
    }
    case 'rejects': {
      if (document.isClosed || document.version !== version) {
        const message = `${fileName} changed while the server validated it; run Validate on Server again.`;
        void vscode.window.showInformationMessage(message);
        return { outcome: 'failed', message };
      }
      const diagnostics = toDiagnostics(document, deps, verdict, source, redactor);
      deps.diagnostics.setServerDiagnostics(document, version, diagnostics);
      const count = diagnostics.length === 1 ? 'a problem' : `${diagnostics.length} problems`;
      const message = redactor.redact(`The server (${serverName}) does not compile this workflow: ${count} (${verdict.failure.errorType}), shown in the editor and the Problems panel.`);
      log(`rejects (${verdict.failure.errorType}): ${verdict.failure.message}`);
      void vscode.window.showWarningMessage(message);
      return { outcome: 'rejects', message, source, problems: diagnostics.length };
    }
    case 'none': {
      const message = redactor.redact(`Validate on Server: ${verdict.failure.message}`);
      log(`no verdict: ${verdict.failure.message}`);
      if (verdict.failure.kind !== 'cancelled') void vscode.window.showErrorMessage(message);
      return { outcome: 'failed', message };
    }
  }
}
