import * as vscode from 'vscode';
import type { LensAction, LensText, SecurityAnalysis, SecuritySummary, SharingSettings } from '../../core/api';
import { loadCore } from '../core';
import { MOVE_TO_SECRET_STORAGE_COMMAND } from '../secrets/moveToSecretStorage';
import { SECRET_COMMANDS } from '../secrets/secretCommands';
import { credentialId, type SecretStore } from '../secrets/secretStore';
import type { SharingFeature } from '../sharing/registerSharing';
import { SHARING_COMMANDS } from '../sharing/sharingCommands';
import { canHaveSidecar, readSettings } from '../sharing/sidecarFiles';
import type { WorkflowService } from '../workflowService';
import { WORKFLOW_SELECTOR } from '../workflowDocuments';

/**
 * Code lenses on a workflow: one line at the top with the sharing configuration, one above each
 * step that uses a private model, and one above each step that needs credentials (provider, where
 * each value comes from, whether SecretStorage holds it, what people you share with get). Each
 * part runs the command that changes what it shows. The words are the core's (securityLensTexts);
 * this places them and maps their actions to commands. Names only: never a credential's value.
 */

function lens(line: number, text: LensText, uri: vscode.Uri): vscode.CodeLens {
  const { command, args } = commandFor(text.action, uri);
  return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: text.title, command, arguments: command ? args : undefined, tooltip: text.tooltip });
}

/** The command behind each action ('' for a lens that is plain text). */
function commandFor(action: LensAction, uri: vscode.Uri): { command: string; args: unknown[] } {
  const args = [uri.toString()];
  switch (action.kind) {
    case 'none':
      return { command: '', args: [] };
    case 'openSharing':
      return { command: SHARING_COMMANDS.openSharingConfiguration, args };
    case 'toggleRunAccess':
      return { command: SHARING_COMMANDS.toggleRunAccess, args };
    case 'toggleCredentials':
      return { command: SHARING_COMMANDS.toggleHiddenCredentials, args };
    case 'exportShareable':
      return { command: SHARING_COMMANDS.exportShareableDefinition, args };
    case 'moveSecret':
      return { command: MOVE_TO_SECRET_STORAGE_COMMAND, args: [uri.toString(), action.offset] };
    case 'storeCredential':
      return { command: SECRET_COMMANDS.setCredential, args: [action.name, action.provider] };
  }
}

export interface LensData {
  summary: SecuritySummary;
  /** Stored credentials (`credentialId`: provider and name); undefined when SecretStorage is unavailable. */
  stored?: ReadonlySet<string>;
}

/** The lenses for one analysed workflow (exported for reuse; no I/O): the words come from the core. */
export function buildLenses(document: vscode.TextDocument, security: SecurityAnalysis, data: LensData): vscode.CodeLens[] {
  const { summary, stored } = data;
  const uri = document.uri;
  const texts = loadCore().securityLensTexts(summary, stored);
  const steps = security.model?.steps ?? [];
  const stepLine = (stepIndex: number, fallbackOffset: number) => document.positionAt(steps[stepIndex]?.node.offset ?? fallbackOffset).line;
  const lenses = texts.sharing.map((text) => lens(0, text, uri));
  summary.privateModels.forEach((model, i) => {
    lenses.push(lens(stepLine(security.models.privateModels[i].stepIndex, model.range.offset), texts.privateModels[i], uri));
  });
  summary.credentialSteps.forEach((step, i) => {
    const line = stepLine(security.credentials.credentialedSteps[i].stepIndex, step.range.offset);
    for (const text of texts.credentialSteps[i]) lenses.push(lens(line, text, uri));
  });
  return lenses;
}

class SecurityLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly service: WorkflowService,
    private readonly store: SecretStore,
  ) {}

  // Lenses are asked for again as the user types; the sidecar and the stored names change far less
  // often, so each is read once and kept until its own change event.
  private readonly settings = new Map<string, Promise<SharingSettings>>();
  private storedNames: Promise<Set<string> | undefined> | undefined;

  /** The sidecar or the catalog changed: read the sharing settings again. */
  refresh(): void {
    this.settings.clear();
    this.changed.fire();
  }

  /** SecretStorage changed: read the stored names again. */
  refreshSecrets(): void {
    this.storedNames = undefined;
    this.changed.fire();
  }

  private settingsFor(uri: vscode.Uri): Promise<SharingSettings> {
    const key = uri.toString();
    let settings = this.settings.get(key);
    if (!settings) {
      settings = canHaveSidecar(uri) ? readSettings(uri) : Promise.resolve({ ...loadCore().DEFAULT_SHARING_SETTINGS });
      this.settings.set(key, settings);
    }
    return settings;
  }

  private stored(): Promise<Set<string> | undefined> {
    this.storedNames ??= this.store.listCredentials().then(
      (stored) => new Set(stored.map(credentialId)),
      () => undefined, // SecretStorage unavailable: lenses say "not stored"
    );
    return this.storedNames;
  }

  dispose(): void {
    this.changed.dispose();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.service.isWorkflow(document)) return [];
    const core = loadCore();
    const { result } = this.service.analyze(document);
    if (!result.security.model) return [];
    const settings = await this.settingsFor(document.uri);
    const stored = await this.stored();
    return buildLenses(document, result.security, { summary: core.securitySummary(result.security, settings), stored });
  }
}

export function registerSecurityLenses(context: vscode.ExtensionContext, service: WorkflowService, store: SecretStore, sharing: SharingFeature): void {
  const provider = new SecurityLensProvider(service, store);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, provider),
    store.onDidChange(() => provider.refreshSecrets()),
    sharing.changes.onDidChange(() => provider.refresh()),
    service.onDidChangeCatalog(() => provider.refresh()),
    service.onDidChangeStoredSecrets(() => provider.refresh()),
  );
}
