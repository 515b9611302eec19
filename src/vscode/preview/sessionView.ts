import type { CredentialNeed, ServerIdentity } from '../../core/api';
import type { ApiKeyView, CredentialField, PreviewMode, ServerSoftwareView, ServerView, SessionView, SharingView, SinksView } from '../../protocol/preview';
import { loadCore } from '../core';
import type { SecretStore, StoredCredential } from '../secrets/secretStore';
import type { ServerSetting } from './serverSetting';
import type { WorkflowSnapshot } from './snapshot';

/** The panel's description of a workflow, for the webview: names and statuses only, never a value. */

export const RESTRICTED_MODE_TEXT =
  'Previews are disabled in Restricted Mode. A preview run sends your Roboflow API key and stored credentials to an inference server, ' +
  'and this workspace is not trusted yet. Trust the workspace to run previews; validation keeps working either way.';

interface SecretStatus {
  apiKey: boolean | undefined;
  credentials: readonly StoredCredential[] | undefined;
}

/** What SecretStorage holds (undefined: it cannot be read). */
export async function secretStatus(store: SecretStore): Promise<SecretStatus> {
  let apiKey: boolean | undefined;
  let credentials: StoredCredential[] | undefined;
  try {
    apiKey = (await store.getApiKey()) !== undefined;
  } catch {
    apiKey = undefined;
  }
  try {
    credentials = await store.listCredentials();
  } catch {
    credentials = undefined;
  }
  return { apiKey, credentials };
}

/** The names of the providers a credential called `name` is stored for (earlier versions' entries have none). */
export function storedProviderNames(stored: readonly StoredCredential[] | undefined, name: string): string[] {
  const core = loadCore();
  return (stored ?? []).filter((c) => c.name === name && c.provider !== undefined).map((c) => core.providerById(c.provider!)?.name ?? c.provider!);
}

/** How a run as you fills one credential: from SecretStorage for its provider, or typed for this run. */
export function ownerCredentialField(need: CredentialNeed, stored: readonly StoredCredential[] | undefined): CredentialField {
  const { name, provider, steps, hasDefault, route } = need;
  const base = { name, provider, steps, hasDefault };
  if (!route.provider) return { ...base, status: 'typed', reason: loadCore().typedReason(route.typed, storedProviderNames(stored, name)) };
  if (stored === undefined) return { ...base, status: 'unavailable' };
  const providerId = route.provider.id;
  const others = stored.filter((c) => c.name === name && c.provider !== providerId);
  const otherNames = [...new Set(others.map((c) => (c.provider === undefined ? 'no provider (an earlier version)' : (loadCore().providerById(c.provider)?.name ?? c.provider))))];
  const note = others.length ? `A credential \`${name}\` is stored for ${otherNames.join(' and ')}, not for ${route.provider.name}: it is not used here.` : undefined;
  const status = stored.some((c) => c.name === name && c.provider === providerId) ? 'stored' : 'missing';
  return { ...base, status, ...(note && { note }) };
}

function ownerApiKey(stored: boolean | undefined): ApiKeyView {
  if (stored === undefined) return { status: 'unavailable', detail: "VS Code's SecretStorage cannot be read, so the run is sent without an API key." };
  return stored
    ? { status: 'stored', detail: 'Your Roboflow API key (from SecretStorage) goes to the server in the request body and the Authorization header, never in a URL; it is never shown here.' }
    : { status: 'missing', detail: 'No Roboflow API key stored: the run is sent without one (fine for a local server and public models).' };
}

function shareeApiKey(snapshot: WorkflowSnapshot, stored: boolean | undefined): ApiKeyView {
  const none = stored ? '' : ' (you have none stored: the run is sent without a key)';
  if (snapshot.plan?.apiKey === 'owner-hidden') return { status: 'owner-hidden', detail: `Your key, hidden from them${none}.` };
  return { status: 'stand-in', detail: `Their own key; your stored key stands in for it in this preview${none}.` };
}

function softwareView(identity: ServerIdentity | undefined): ServerSoftwareView {
  if (!identity) return { status: 'checking', text: 'checking the version…' };
  const text = loadCore().describeServerSoftware(identity);
  return identity.status === 'identified' ? { status: 'identified', text } : { status: 'unidentified', text, detail: identity.reason };
}

function serverView(server: ServerSetting, identity: ServerIdentity | undefined): ServerView {
  return server.url ? { ...server.view, software: softwareView(identity) } : server.view;
}

function sinksView(snapshot: WorkflowSnapshot, identity: ServerIdentity | undefined): SinksView | undefined {
  const notice = loadCore().sinksNotice(identity, snapshot.sinkSteps);
  return notice && { support: notice.support, steps: [...snapshot.sinkSteps], message: notice.message };
}

export function buildSession(args: {
  snapshot: WorkflowSnapshot;
  mode: PreviewMode;
  trusted: boolean;
  server: ServerSetting;
  /** What the server's /info said; undefined while it has not answered. */
  identity: ServerIdentity | undefined;
  secrets: SecretStatus;
  running: boolean;
}): SessionView {
  const { snapshot, mode, trusted, server, identity, secrets, running } = args;
  const owner = (need: CredentialNeed) => ownerCredentialField(need, secrets.credentials);
  let credentials: CredentialField[];
  let apiKey: ApiKeyView;
  const plan = snapshot.plan;
  if (mode === 'owner' || !plan) {
    apiKey = ownerApiKey(secrets.apiKey);
    credentials = snapshot.form.credentials.map(owner);
  } else {
    apiKey = shareeApiKey(snapshot, secrets.apiKey);
    if (plan.credentials === 'sharee') {
      const shared = snapshot.shareable && 'credentials' in snapshot.shareable ? snapshot.shareable.credentials : [];
      credentials = shared.map(({ name, provider, steps, hasDefault }) => ({ name, provider, steps, hasDefault, status: 'prompt' }));
    } else if (plan.credentials === 'owner-hidden') {
      credentials = snapshot.form.credentials.map((need) => {
        const field = owner(need);
        return field.status === 'stored' ? { ...field, status: 'hidden' } : field;
      });
    } else {
      credentials = snapshot.form.credentials.map(owner);
    }
  }

  const sinks = sinksView(snapshot, identity);
  const sharing: SharingView = {
    runAccess: plan?.runAccessText ?? '',
    credentials: plan?.credentialsText ?? '',
    notes: [...(plan?.notes ?? [])],
  };
  if (snapshot.shareable && 'error' in snapshot.shareable) sharing.notes.push(`The shareable definition could not be made: ${snapshot.shareable.error}`);
  if (plan?.blocked) sharing.blocked = { ...plan.blocked, action: { command: 'toggleRunAccess', label: 'Turn On Run Access…' } };

  return {
    workflow: { uri: snapshot.uri.toString(), fileName: snapshot.fileName },
    trusted,
    ...(!trusted && { restricted: RESTRICTED_MODE_TEXT }),
    server: serverView(server, identity),
    mode,
    ...(snapshot.problem && { definitionProblem: snapshot.problem }),
    errorCount: snapshot.errorCount,
    ...(sinks && { sinks }),
    inputs: snapshot.form.inputs,
    apiKey,
    credentials,
    sharing,
    running,
  };
}
