import type { SecurityAnalysis } from '../analysis/analyze';
import { sharingAvailability } from '../sharing/availability';
import type { SharingSettings } from '../sharing/settings';

/**
 * "As someone I share with": what a run of this workflow by a person you share it with would use,
 * following its sharing configuration (reference §g), and whether it can work at all.
 *
 *  - Run access `own-key` (the default) with a private model: their key cannot load your model, so
 *    the run would fail for them. The preview says so and sends nothing.
 *  - Run access `owner-key` with a private model: it runs under your key, hidden from them.
 *  - No private model: it runs under their own key; the preview uses yours as a stand-in.
 *  - Credentials `user-provided` (the default): they supply every credential; the preview asks for
 *    each in a password box and never uses yours. `owner-hidden`: yours are used, shown as ••••.
 */

export type ShareApiKey = 'owner-hidden' | 'stand-in';
export type ShareCredentials = 'none' | 'sharee' | 'owner-hidden';

export interface SharePlan {
  /** Set when the run cannot work for them: nothing is sent. */
  blocked?: { reason: string; detail: string };
  apiKey: ShareApiKey;
  credentials: ShareCredentials;
  runAccessText: string;
  credentialsText: string;
  notes: string[];
}

function quoted(items: readonly string[]): string {
  const unique = [...new Set(items)].map((i) => `\`${i}\``);
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

export function sharePlan(security: SecurityAnalysis, settings: SharingSettings): SharePlan {
  const availability = sharingAvailability(security);
  const privateModels = security.models.privateModels;
  const ownerKey = availability.runAccess.available && settings.runAccess === 'owner-key';
  const notes: string[] = [];

  let blocked: SharePlan['blocked'];
  let apiKey: ShareApiKey;
  let runAccessText: string;
  if (privateModels.length > 0 && !ownerKey) {
    const models = [...new Set(privateModels.map((m) => m.modelId!))];
    const steps = [...new Set(privateModels.map((m) => m.stepName))];
    blocked = {
      reason: `This run would fail for people you share with: they run it under their own Roboflow key, which cannot use your private model${models.length === 1 ? '' : 's'} ${quoted(models)} (step${steps.length === 1 ? '' : 's'} ${quoted(steps)}).`,
      detail:
        'Run access is "own-key" (the default), so the server would answer 401, 403 or 404 for the model. Nothing was sent. ' +
        'Turn on run access ("owner-key") to let them run it under your key: their runs count against your usage; your key and model data stay private.',
    };
    apiKey = 'stand-in';
    runAccessText = 'Run access: their own key';
  } else if (ownerKey) {
    apiKey = 'owner-hidden';
    runAccessText = 'Run access: your key, hidden from them';
    notes.push(`It runs under your Roboflow key (usage counts against you), which they never see.`);
  } else {
    apiKey = 'stand-in';
    runAccessText = 'Run access: their own key';
    notes.push('They run it under their own Roboflow key; every model it names looks public, so this preview uses your key as a stand-in for theirs.');
  }
  if (security.models.decidedAtRunTime.length > 0) {
    notes.push(`The models of ${quoted(security.models.decidedAtRunTime.map((u) => u.stepName))} are chosen when it runs: a private model of yours would fail for them unless run access is "owner-key".`);
  }

  let credentials: ShareCredentials;
  let credentialsText: string;
  if (!availability.credentials.available) {
    credentials = 'none';
    credentialsText = 'Credentials: none needed';
  } else if (settings.credentials === 'owner-hidden') {
    credentials = 'owner-hidden';
    credentialsText = 'Credentials: yours, hidden';
    notes.push('It runs with your stored credentials; they are never shown to them (••••) and are redacted from everything they see.');
  } else {
    credentials = 'sharee';
    credentialsText = 'Credentials: they supply their own';
    notes.push('They supply every credential: this preview asks for each one in a password box when you run it, and never uses the ones you stored.');
  }
  if (security.credentials.credentialedSteps.some((s) => s.uses.some((u) => u.source === 'managed-key' && u.managedKey === 'account'))) {
    notes.push('Steps using the Roboflow-managed key (`rf_key:account`) spend the credits of whoever\'s Roboflow key the run uses.');
  }
  return { ...(blocked && { blocked }), apiKey, credentials, runAccessText, credentialsText, notes };
}
