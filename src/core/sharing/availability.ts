import type { SecurityAnalysis } from '../analysis/analyze';
import type { OffsetRange } from '../findings';

/** When each sharing option is offered, as the Roboflow app decides: run access only when a
 * private model is detected, credentials only when a step needs credentials. The reasons explain
 * either way (for a command invoked when the option is not offered). */

export interface AvailabilityStep {
  stepName: string;
  range: OffsetRange;
  /** `acme/3`, or a provider name. */
  detail: string;
}

export interface OptionAvailability {
  available: boolean;
  reason: string;
  /** A few words for a label: why it is not offered (empty when it is). */
  shortReason: string;
  steps: AvailabilityStep[];
}

export interface SharingAvailability {
  runAccess: OptionAvailability;
  credentials: OptionAvailability;
}

function quoteList(items: readonly string[]): string {
  const quoted = [...new Set(items)].map((item) => `\`${item}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function runAccessAvailability(analysis: SecurityAnalysis): OptionAvailability {
  const steps = analysis.models.privateModels.map((use) => ({ stepName: use.stepName, range: use.range, detail: use.modelId! }));
  if (steps.length) {
    const models = quoteList(steps.map((s) => s.detail));
    const subject = steps.length === 1 ? `Step \`${steps[0].stepName}\` uses model ${models}, which looks private` : `Steps ${quoteList(steps.map((s) => s.stepName))} use models that look private (${models})`;
    return {
      available: true,
      reason: `${subject}. By default people you share with run it under their own key, and cannot use it; with run access "owner-key" they run it under yours (usage counts against you; your key and model data stay private).`,
      shortReason: '',
      steps,
    };
  }
  const runTime = analysis.models.decidedAtRunTime;
  const why = runTime.length
    ? `the models of ${quoteList(runTime.map((u) => u.stepName))} are decided at run time, by whoever runs it, with their own key`
    : 'every model it uses is public, so people you share with can run it under their own key';
  return {
    available: false,
    reason: `Run access is offered only for workflows that use a private model: ${why}.`,
    shortReason: runTime.length ? 'models chosen at run time' : 'no private model',
    steps: [],
  };
}

function credentialsAvailability(analysis: SecurityAnalysis): OptionAvailability {
  const credentialed = analysis.credentials.credentialedSteps;
  const steps = credentialed.map((step) => ({ stepName: step.stepName, range: step.range, detail: step.provider.name }));
  if (steps.length) {
    const list = steps.map((s) => `\`${s.stepName}\` (${s.detail})`).join(', ');
    return {
      available: true,
      reason: `${steps.length === 1 ? 'Step' : 'Steps'} ${list} ${steps.length === 1 ? 'needs' : 'need'} credentials. By default people you share with supply their own, as inputs; with credentials "owner-hidden" they run with yours, redacted from anything shown to them.`,
      shortReason: '',
      steps,
    };
  }
  return { available: false, reason: 'Credentials are offered only for workflows with a step that needs them, and no step here does.', shortReason: 'no step needs credentials', steps: [] };
}

export function sharingAvailability(analysis: SecurityAnalysis): SharingAvailability {
  return { runAccess: runAccessAvailability(analysis), credentials: credentialsAvailability(analysis) };
}
