import * as vscode from 'vscode';
import type { SecurityAnalysis, SecuritySummary, SharingSettings } from '../../core/api';
import { loadCore } from '../core';
import { MOVE_TO_SECRET_STORAGE_COMMAND } from '../secrets/moveToSecretStorage';
import { SECRET_COMMANDS } from '../secrets/secretCommands';
import { credentialId, type SecretStore } from '../secrets/secretStore';
import type { SharingFeature } from '../sharing/registerSharing';
import { SHARING_COMMANDS } from '../sharing/sharingCommands';
import { canHaveSidecar, readSettings } from '../sharing/sidecarFiles';
import type { WorkflowService } from '../workflowService';

/**
 * Code lenses on a workflow: one line at the top with the sharing configuration, one above each
 * step that uses a private model, and one above each step that needs credentials (provider, where
 * each value comes from, whether SecretStorage holds it, what people you share with get). Each
 * part runs the command that changes what it shows. Names only: never a credential's value.
 */

/** A lens that is plain text (nothing to run). */
const NO_COMMAND = '';

function lens(line: number, title: string, command: string, args: unknown[] = [], tooltip?: string): vscode.CodeLens {
  return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command, arguments: command ? args : undefined, tooltip });
}

/** `api_key`, `header Authorization`. */
function fieldLabel(item: { field: string; entryKey?: string }): string {
  if (item.entryKey === undefined) return item.field;
  return `${item.field === 'headers' ? 'header' : 'query'} ${item.entryKey}`;
}

function summaryLenses(uri: vscode.Uri, summary: SecuritySummary, settings: SharingSettings): vscode.CodeLens[] {
  const { availability } = summary.sharing;
  const args = [uri.toString()];
  return [
    lens(0, '$(organization) Sharing', SHARING_COMMANDS.openSharingConfiguration, args, 'Open the sharing configuration kept beside this workflow'),
    lens(
      0,
      `run access ${settings.runAccess}${availability.runAccess.available ? '' : ' (not offered)'}`,
      SHARING_COMMANDS.toggleRunAccess,
      args,
      `${summary.sharing.runAccessText}. ${availability.runAccess.reason}`,
    ),
    lens(
      0,
      `credentials ${settings.credentials}${availability.credentials.available ? '' : ' (not offered)'}`,
      SHARING_COMMANDS.toggleHiddenCredentials,
      args,
      `${summary.sharing.credentialsText}. ${availability.credentials.reason}`,
    ),
    lens(0, '$(export) Export shareable', SHARING_COMMANDS.exportShareableDefinition, args, 'Open the definition people you share with receive (no secret values)'),
  ];
}

export interface LensData {
  summary: SecuritySummary;
  settings: SharingSettings;
  /** Stored credentials (`credentialId`: provider and name); undefined when SecretStorage is unavailable. */
  stored?: ReadonlySet<string>;
}

/** The lenses for one analysed workflow (exported for reuse; no I/O). */
export function buildLenses(document: vscode.TextDocument, security: SecurityAnalysis, data: LensData): vscode.CodeLens[] {
  const { summary, settings, stored } = data;
  const uri = document.uri;
  const args = [uri.toString()];
  const steps = security.model?.steps ?? [];
  const stepLine = (stepIndex: number, fallbackOffset: number) => document.positionAt(steps[stepIndex]?.node.offset ?? fallbackOffset).line;
  const lenses = summaryLenses(uri, summary, settings);

  summary.privateModels.forEach((model, i) => {
    const use = security.models.privateModels[i];
    lenses.push(
      lens(
        stepLine(use.stepIndex, model.range.offset),
        `$(lock) Private model ${model.modelId} · people you share with ${model.sharees}`,
        SHARING_COMMANDS.toggleRunAccess,
        args,
        settings.runAccess === 'owner-key'
          ? 'Run access owner-key: people you share with run it under your key (usage counts against you). Click to change.'
          : 'Run access own-key: people you share with run it under their own key, which cannot use your private model. Click to change.',
      ),
    );
  });

  summary.credentialSteps.forEach((step, i) => {
    const credentialed = security.credentials.credentialedSteps[i];
    const line = stepLine(credentialed.stepIndex, step.range.offset);
    step.items.forEach((item, j) => {
      const use = credentialed.uses[j];
      const head = `$(key) ${step.provider.name} ${fieldLabel(item)}`;
      if (item.source === 'literal') {
        lenses.push(
          lens(line, `${head} ← written in the file $(warning) Move to SecretStorage`, MOVE_TO_SECRET_STORAGE_COMMAND, [uri.toString(), use.range.offset], `Store it in SecretStorage and read it from $inputs.${item.secretName ?? ''} instead`),
        );
        return;
      }
      const from = item.source === 'input' ? `$inputs.${item.secretName ?? ''}` : item.from.replace(/`/g, '');
      if (!item.secretName) {
        lenses.push(lens(line, `${head} ← ${from}`, NO_COMMAND));
        return;
      }
      // The workflow chooses where this block sends it (a webhook URL, an SMTP server): never filled from SecretStorage.
      if (!use.provider.fixedAddress) {
        lenses.push(lens(line, `${head} ← ${from} · typed for each preview run`, NO_COMMAND, [], `The workflow chooses the address this credential is sent to, so a preview asks for it each time instead of using a stored one`));
        return;
      }
      const id = credentialId({ provider: use.provider.id, name: item.secretName });
      const status = stored === undefined ? 'SecretStorage unavailable' : stored.has(id) ? 'stored ✓' : 'not stored';
      lenses.push(
        lens(line, `${head} ← ${from} · ${status}`, SECRET_COMMANDS.setCredential, [item.secretName, use.provider.id], `Store the ${use.provider.name} credential \`${item.secretName}\` in SecretStorage (used by preview runs)`),
      );
    });
    const sharees = [...new Set(step.items.map((item) => item.sharees))].join(' / ');
    const onlyCredits = step.items.every((item) => item.source === 'managed-key');
    lenses.push(
      lens(
        line,
        `people you share with: ${sharees}`,
        onlyCredits ? SHARING_COMMANDS.toggleRunAccess : SHARING_COMMANDS.toggleHiddenCredentials,
        args,
        onlyCredits ? 'Roboflow credits are spent by whoever runs it: run access decides whose' : `Credentials ${settings.credentials}. Click to change.`,
      ),
    );
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
    return buildLenses(document, result.security, { summary: core.securitySummary(result.security, settings), settings, stored });
  }
}

export function registerSecurityLenses(context: vscode.ExtensionContext, service: WorkflowService, store: SecretStore, sharing: SharingFeature): void {
  const provider = new SecurityLensProvider(service, store);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider([{ language: 'json' }, { language: 'jsonc' }], provider),
    store.onDidChange(() => provider.refreshSecrets()),
    sharing.changes.onDidChange(() => provider.refresh()),
    service.onDidChangeCatalog(() => provider.refresh()),
  );
}
