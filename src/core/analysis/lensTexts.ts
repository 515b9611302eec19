import { storedCredentialId } from './credentialIds';
import type { CredentialLens, CredentialLensItem, PrivateModelLens, SecuritySummary } from './summary';

/** The words of the security code lenses (titles, tooltips) and what clicking each one does, from
 * a summary and the credentials SecretStorage holds (`storedCredentialId`s). The editor places them and maps each action to its
 * command; nothing here knows about VS Code. Names only: never a credential's value. */

export type LensAction =
  | { kind: 'none' }
  | { kind: 'openSharing' }
  | { kind: 'toggleRunAccess' }
  | { kind: 'toggleCredentials' }
  | { kind: 'exportShareable' }
  /** Move the literal whose value starts at `offset` to SecretStorage. */
  | { kind: 'moveSecret'; offset: number }
  | { kind: 'storeCredential'; name: string; provider: string };

export interface LensText {
  title: string;
  tooltip?: string;
  action: LensAction;
}

export interface SecurityLensTexts {
  /** The top line: the sharing configuration. */
  sharing: LensText[];
  /** One per `summary.privateModels`, in order. */
  privateModels: LensText[];
  /** One list per `summary.credentialSteps`, in order: a lens per credential, then what people you share with do. */
  credentialSteps: LensText[][];
}

const NONE: LensAction = { kind: 'none' };

function sharingTexts(summary: SecuritySummary): LensText[] {
  const { settings, availability, runAccessText, credentialsText } = summary.sharing;
  const option = (label: string, value: string, text: string, available: typeof availability.runAccess, action: LensAction): LensText =>
    available.available
      ? { title: `${label} ${value}`, tooltip: `${text}. ${available.reason} Click to change.`, action }
      : // Not offered: the title says why in a few words, the tooltip in full (clicking says it again).
        { title: `${label} ${value} (not offered: ${available.shortReason})`, tooltip: available.reason, action };
  return [
    { title: '$(organization) Sharing', tooltip: 'Open the sharing configuration kept beside this workflow', action: { kind: 'openSharing' } },
    option('run access', settings.runAccess, runAccessText, availability.runAccess, { kind: 'toggleRunAccess' }),
    option('credentials', settings.credentials, credentialsText, availability.credentials, { kind: 'toggleCredentials' }),
    { title: '$(export) Export shareable', tooltip: 'Open the definition people you share with receive (no secret values)', action: { kind: 'exportShareable' } },
  ];
}

function privateModelText(model: PrivateModelLens, summary: SecuritySummary): LensText {
  return {
    title: `$(lock) Private model ${model.modelId} · people you share with ${model.sharees}`,
    tooltip:
      summary.sharing.settings.runAccess === 'owner-key'
        ? 'Run access owner-key: people you share with run it under your key (usage counts against you). Click to change.'
        : 'Run access own-key: people you share with run it under their own key, which cannot use your private model. Click to change.',
    action: { kind: 'toggleRunAccess' },
  };
}

/** `api_key`, `header Authorization`, `query parameter key`. */
function fieldLabel(item: Pick<CredentialLensItem, 'field' | 'entryKey'>): string {
  if (item.entryKey === undefined) return item.field;
  return `${item.field === 'headers' ? 'header' : 'query parameter'} ${item.entryKey}`;
}

function quoted(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? q[0] : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function credentialTexts(step: CredentialLens, item: CredentialLensItem, stored: ReadonlySet<string> | undefined): LensText[] {
  const head = `$(key) ${step.provider.name} ${fieldLabel(item)}`;
  if (item.source === 'literal') {
    // Two lenses, so the action reads as its own link (VS Code separates them) instead of running on.
    return [
      { title: `${head} ← written in the file`, tooltip: 'The value is written in the workflow: anyone who can read the file can use it.', action: NONE },
      { title: '$(warning) Move to SecretStorage', tooltip: `Store it in SecretStorage and read it from $inputs.${item.secretName!} instead`, action: { kind: 'moveSecret', offset: item.range.offset } },
    ];
  }
  const from = item.source === 'input' ? `$inputs.${item.secretName!}` : item.from.replace(/`/g, '');
  if (!item.secretName) return [{ title: `${head} ← ${from}`, action: NONE }];
  // The workflow chooses where this block sends it (a webhook URL, an SMTP server): never filled from SecretStorage.
  if (!step.provider.fixedAddress) {
    return [{ title: `${head} ← ${from} · typed for each preview run`, tooltip: 'The workflow chooses the address this credential is sent to, so a preview asks for it each time instead of using a stored one', action: NONE }];
  }
  const id = storedCredentialId(step.provider.id, item.secretName);
  const status = stored === undefined ? 'SecretStorage unavailable' : stored.has(id) ? 'stored ✓' : 'not stored';
  return [
    {
      title: `${head} ← ${from} · ${status}`,
      tooltip: `Store the ${step.provider.name} credential \`${item.secretName}\` in SecretStorage (used by preview runs)`,
      action: { kind: 'storeCredential', name: item.secretName, provider: step.provider.id },
    },
  ];
}

/** Credentials read from inputs that people you share with would run with (owner-hidden), but
 * that SecretStorage does not hold. */
function missingHiddenCredentials(step: CredentialLens, summary: SecuritySummary, stored: ReadonlySet<string> | undefined): string[] {
  if (summary.sharing.settings.credentials !== 'owner-hidden' || stored === undefined || !step.provider.fixedAddress) return [];
  const names = step.items
    .filter((item) => item.source === 'input' && item.secretName && !stored.has(storedCredentialId(step.provider.id, item.secretName)))
    .map((item) => item.secretName!);
  return [...new Set(names)];
}

function shareeText(step: CredentialLens, summary: SecuritySummary, stored: ReadonlySet<string> | undefined): LensText {
  const missing = missingHiddenCredentials(step, summary, stored);
  if (missing.length) {
    const them = missing.length === 1 ? 'it' : 'them';
    return {
      title: `$(warning) people you share with cannot run this step until you store ${missing.join(', ')}`,
      tooltip: `Credentials owner-hidden: people you share with run it with your ${quoted(missing)}, hidden from them, and SecretStorage does not hold ${them}. Click to store ${missing.length === 1 ? 'it' : `\`${missing[0]}\``}.`,
      action: { kind: 'storeCredential', name: missing[0], provider: step.provider.id },
    };
  }
  const sharees = [...new Set(step.items.map((item) => item.sharees))].join(' / ');
  const onlyCredits = step.items.every((item) => item.accountCredits);
  return onlyCredits
    ? { title: `people you share with ${sharees}`, tooltip: 'Roboflow credits are spent by whoever runs it: run access decides whose. Click to change.', action: { kind: 'toggleRunAccess' } }
    : { title: `people you share with ${sharees}`, tooltip: `Credentials ${summary.sharing.settings.credentials}. Click to change.`, action: { kind: 'toggleCredentials' } };
}

export function securityLensTexts(summary: SecuritySummary, stored?: ReadonlySet<string>): SecurityLensTexts {
  return {
    sharing: sharingTexts(summary),
    privateModels: summary.privateModels.map((model) => privateModelText(model, summary)),
    credentialSteps: summary.credentialSteps.map((step) => [...step.items.flatMap((item) => credentialTexts(step, item, stored)), shareeText(step, summary, stored)]),
  };
}
