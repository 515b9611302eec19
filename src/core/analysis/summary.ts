import type { OffsetRange } from '../findings';
import { sharingAvailability, type OptionAvailability, type SharingAvailability } from '../sharing/availability';
import { DEFAULT_SHARING_SETTINGS, type SharingSettings } from '../sharing/settings';
import type { SecurityAnalysis } from './analyze';
import type { CredentialSource, CredentialUse } from './credentials';
import { credentialLabel } from './findings';
import { showUserString } from '../text/secretText';
import type { Provider } from './providers';

/** Everything the editor's code lenses show about models, credentials and sharing, as short
 * texts with ranges. The editor renders; nothing here knows about VS Code. */

/** What people you share with do, worded to follow "people you share with". */
export type ModelShareeAccess = 'must use their own key' | 'run it under your key';

export interface PrivateModelLens {
  stepName: string;
  range: OffsetRange;
  modelId: string;
  sharees: ModelShareeAccess;
  text: string;
}

export interface RunTimeModelsLens {
  range: OffsetRange;
  stepNames: string[];
  text: string;
}

export interface CredentialLensItem {
  field: string;
  entryKey?: string;
  source: CredentialSource;
  /** Where the value comes from, e.g. "input `openai_key`", "written in the file". */
  from: string;
  /** The input (and SecretStorage name) a person running it supplies, when there is one. */
  secretName?: string;
  /** What people you share with do, worded to follow "people you share with", e.g. "supply their own". */
  sharees: string;
  /** The account's Roboflow-managed key: whose credits it spends is decided by run access, not by the credentials setting. */
  accountCredits: boolean;
  /** The value's range: the literal for "Move to SecretStorage", or the selector. */
  range: OffsetRange;
}

export interface CredentialLens {
  stepName: string;
  /** The step object: the lens sits on its first line. */
  range: OffsetRange;
  provider: Provider;
  items: CredentialLensItem[];
  text: string;
}

/** A credential the editor may hold in SecretStorage, to show "stored ✓". */
export interface SecretRequirement {
  /** The input name the workflow reads it from (existing, or created by the fix or the export). */
  name: string;
  providerId: string;
  providerName: string;
  steps: string[];
  source: CredentialSource;
  /** Whether the input is already declared in the document. */
  declared: boolean;
  /** Whether that declaration has kind `secret` (new inputs will). */
  declaredSecret: boolean;
}

export interface SharingSummary {
  settings: SharingSettings;
  availability: SharingAvailability;
  runAccessText: string;
  credentialsText: string;
  /** One line for the top of the document. */
  text: string;
}

export interface SecuritySummary {
  sharing: SharingSummary;
  privateModels: PrivateModelLens[];
  modelsDecidedAtRunTime?: RunTimeModelsLens;
  credentialSteps: CredentialLens[];
  secretsNeeded: SecretRequirement[];
  literalSecretCount: number;
}

function describeSource(use: CredentialUse): string {
  switch (use.source) {
    case 'literal':
      return 'written in the file';
    case 'placeholder':
      return 'a placeholder';
    case 'input':
      return `input \`${use.inputName}\``;
    case 'environment':
      return `server environment \`${use.environment!.variable}\``;
    case 'step-output':
      return "another step's output";
    case 'managed-key':
      return use.managedKey === 'user' ? 'your key stored in Roboflow' : 'Roboflow-managed key';
    case 'missing':
      return 'not set';
    case 'not-needed':
      return 'not needed';
  }
}

const spendsAccountCredits = (use: CredentialUse) => use.source === 'managed-key' && use.managedKey === 'account';

function shareeCredential(use: CredentialUse, settings: SharingSettings): string {
  if (spendsAccountCredits(use)) {
    return settings.runAccess === 'owner-key' ? 'spend your Roboflow credits' : 'spend their own Roboflow credits';
  }
  if (use.source === 'step-output') return 'use the value computed when it runs';
  if (use.source === 'missing') return 'cannot run it until you set it';
  return settings.credentials === 'owner-hidden' ? 'run it with yours, hidden' : 'supply their own';
}

function credentialLens(stepName: string, range: OffsetRange, provider: Provider, uses: CredentialUse[], settings: SharingSettings): CredentialLens {
  const items = uses.map(
    (use): CredentialLensItem => ({
      field: use.field,
      entryKey: use.entryKey,
      source: use.source,
      from: describeSource(use),
      secretName: use.secretName,
      sharees: shareeCredential(use, settings),
      accountCredits: spendsAccountCredits(use),
      range: use.range,
    }),
  );
  const parts = uses.map((use, i) => `${credentialLabel(use)}: ${items[i].from} · people you share with ${items[i].sharees}`);
  return { stepName, range, provider, items, text: `${provider.name} · ${parts.join('; ')}` };
}

function secretsNeeded(analysis: SecurityAnalysis): SecretRequirement[] {
  const byName = new Map<string, SecretRequirement>();
  for (const use of analysis.credentials.uses) {
    // The account's managed key and values computed at run time have no secretName: nothing to hold.
    if (!use.secretName) continue;
    // Set only for a use that reads a declared input.
    const declared = use.inputDeclaredSecret !== undefined;
    const existing = byName.get(use.secretName);
    if (existing) {
      if (!existing.steps.includes(use.stepName)) existing.steps.push(use.stepName);
      continue;
    }
    byName.set(use.secretName, {
      name: use.secretName,
      providerId: use.provider.id,
      providerName: use.provider.name,
      steps: [use.stepName],
      source: use.source,
      declared,
      declaredSecret: declared ? use.inputDeclaredSecret === true : true,
    });
  }
  return [...byName.values()];
}

function sharingSummary(analysis: SecurityAnalysis, settings: SharingSettings): SharingSummary {
  const availability = sharingAvailability(analysis);
  const notOffered = (option: OptionAvailability) => (option.available ? '' : ` (not offered: ${option.shortReason})`);
  const runAccessText = (settings.runAccess === 'owner-key' ? 'Run access: your key' : 'Run access: their own key') + notOffered(availability.runAccess);
  const credentialsText = (settings.credentials === 'owner-hidden' ? 'Credentials: yours, hidden' : 'Credentials: they supply their own') + notOffered(availability.credentials);
  return { settings, availability, runAccessText, credentialsText, text: `Sharing · ${runAccessText} · ${credentialsText}` };
}

export function securitySummary(analysis: SecurityAnalysis, settings: SharingSettings = DEFAULT_SHARING_SETTINGS): SecuritySummary {
  const sharees: ModelShareeAccess = settings.runAccess === 'owner-key' ? 'run it under your key' : 'must use their own key';
  const privateModels = analysis.models.privateModels.map(
    (use): PrivateModelLens => ({
      stepName: use.stepName,
      range: use.range,
      // Shown in lenses: a "model id" that is really a pasted key is described, not shown.
      modelId: showUserString(use.modelId!),
      sharees,
      text: `Private model \`${showUserString(use.modelId!)}\` · people you share with ${sharees}`,
    }),
  );
  const runTime = analysis.models.decidedAtRunTime;
  const modelsDecidedAtRunTime = runTime.length
    ? { range: runTime[0].range, stepNames: [...new Set(runTime.map((u) => u.stepName))], text: 'Model decided at run time · public or private is known only then' }
    : undefined;
  const credentialSteps = analysis.credentials.credentialedSteps.map((step) => credentialLens(step.stepName, step.range, step.provider, step.uses, settings));
  return {
    sharing: sharingSummary(analysis, settings),
    privateModels,
    modelsDecidedAtRunTime,
    credentialSteps,
    secretsNeeded: secretsNeeded(analysis),
    literalSecretCount: analysis.credentials.literalSecrets.length,
  };
}
