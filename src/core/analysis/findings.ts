import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../findings';
import { analyzeWorkflowSecurity, type SecurityAnalysis, type SecurityOptions, type SecuritySource } from './analyze';
import type { CredentialUse, LiteralSecret } from './credentials';
import type { ModelUse } from './models';
import type { PlacedSecret } from './writtenSecrets';
import { showUserString } from '../text/secretText';
import { formattingOf } from '../text/jsonEdits';
import { literalSecretEdits, type ParsedText } from './moveSecret';

/** Security findings: private models, credentials and where they come from. Messages name
 * steps, fields, inputs and providers, never a credential's value. */

export const SECURITY_CODES = {
  /** information: a literal model id that looks private. */
  privateModel: 'private-model',
  /** information, once per workflow: model ids only known at run time. */
  modelDecidedAtRunTime: 'model-decided-at-run-time',
  /** error: a credential written in the document; carries the "Move to SecretStorage" fix. */
  literalSecret: 'literal-secret',
  /** warning: `<your key>` and the like where a credential should be. */
  credentialPlaceholder: 'credential-placeholder',
  /** information: a credential supplied as an input at run time. */
  credentialInput: 'credential-input',
  /** information: a credential read from the server's environment. */
  credentialEnvironment: 'credential-environment',
  /** information: a Roboflow-managed key, which spends Roboflow credits. */
  managedKey: 'managed-key',
  /** warning: a custom provider (`Custom SMTP`) without the credential it then needs. */
  credentialMissing: 'credential-missing',
  /** information, once per workflow: values that may be credentials, which cannot be known. */
  credentialUncertain: 'credential-uncertain',
} as const;

export const MOVE_TO_SECRET_STORAGE_TITLE = 'Move to SecretStorage';

const SHARE_NOTE = 'people you share with spend theirs unless run access is owner-key';

/** "`api_key`", "header `Authorization`". */
export function credentialLabel(use: Pick<CredentialUse, 'field' | 'entryKey'>): string {
  if (use.entryKey === undefined) return `\`${use.field}\``;
  return `${use.field === 'headers' ? 'header' : 'query parameter'} \`${use.entryKey}\``;
}

function privateModelFinding(use: ModelUse): Finding {
  const via = use.source === 'input-default' ? ` (the default of input \`${use.inputName}\`)` : '';
  return {
    code: SECURITY_CODES.privateModel,
    severity: 'information',
    message: `Step \`${use.stepName}\` uses model \`${showUserString(use.modelId ?? '')}\`${via}, which looks private: people you share with must use their own key unless run access is owner-key.`,
    range: use.range,
    related: use.inputDefaultRange ? [{ message: `Default of input \`${use.inputName}\``, range: use.inputDefaultRange }] : undefined,
  };
}

function runTimeModelsFinding(uses: ModelUse[]): Finding {
  const steps = [...new Set(uses.map((use) => `\`${use.stepName}\``))];
  const subject = steps.length === 1 ? `The model of step ${steps[0]} is` : `The models of steps ${steps.join(', ')} are`;
  return {
    code: SECURITY_CODES.modelDecidedAtRunTime,
    severity: 'information',
    message: `${subject} decided at run time, so whether they are private is known only when the workflow runs.`,
    range: uses[0].range,
    related: uses.slice(1).map((use) => ({ message: `Model of step \`${use.stepName}\``, range: use.range })),
  };
}

function literalSecretFinding(secret: LiteralSecret, text: string | undefined, parsed: ParsedText): Finding {
  const use = secret.use;
  const message =
    secret.where === 'step'
      ? `Step \`${use.stepName}\` has its ${use.provider.name} credential ${credentialLabel(use)} written in the file, and the file is no place for it: anyone who can read the file or the workflow can use it. Move it to SecretStorage; the step will read input \`${secret.inputName}\`.`
      : `Input \`${secret.inputName}\` has a credential as its \`default_value\` (${use.provider.name}, for step \`${use.stepName}\`), and the file is no place for it. Move it to SecretStorage and leave the input without a default.`;
  return {
    code: SECURITY_CODES.literalSecret,
    severity: 'error',
    message,
    range: secret.range,
    fixes: [{ title: MOVE_TO_SECRET_STORAGE_TITLE, edits: text === undefined ? [] : literalSecretEdits(text, secret, parsed), preferred: true, hostAction: 'store-secret' }],
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How to take out a credential that no input can replace as it is written. */
function howToRemove(secret: PlacedSecret): string {
  if (secret.inKey) return 'Rename the key: a credential has no place in the file.';
  if (secret.kind === 'query-parameter' || secret.kind === 'url-password') {
    return 'Take it out of the URL: keep it in SecretStorage and send it through an input of kind `secret` (a webhook step takes `$inputs.…` in `headers` and `query_parameters`).';
  }
  return 'Take it out of the text: keep it in SecretStorage and pass it through an input of kind `secret` (a `$inputs.…` selector) where the block accepts one.';
}

function placedSecretFinding(secret: PlacedSecret, text: string | undefined, parsed: ParsedText): Finding {
  const risk = 'anyone who can read the file or the workflow can use it.';
  const fix = secret.fix;
  let message: string;
  if (fix?.where === 'step') message = `${capitalised(secret.description)} is written in ${secret.place}: ${risk} Move it to SecretStorage; the step will read input \`${fix.inputName}\`.`;
  else if (fix) message = `${capitalised(secret.description)} is written as ${secret.place}: ${risk} Move it to SecretStorage and leave the input without a default.`;
  else message = `${capitalised(secret.description)} is written in ${secret.place}: ${risk} ${howToRemove(secret)}`;
  return {
    code: SECURITY_CODES.literalSecret,
    severity: 'error',
    message,
    range: secret.range,
    fixes: fix ? [{ title: MOVE_TO_SECRET_STORAGE_TITLE, edits: text === undefined ? [] : literalSecretEdits(text, fix, parsed), preferred: true, hostAction: 'store-secret' }] : undefined,
  };
}

function managedKeyMessage(use: CredentialUse): string {
  const provider = use.provider.name;
  if (use.managedKey === 'user') {
    return `Step \`${use.stepName}\` calls ${provider} with a key stored in your Roboflow settings (\`rf_key:user:…\`), through your Roboflow key.`;
  }
  switch (use.managedBy) {
    case 'provider-setting':
      return `Step \`${use.stepName}\` sends through Roboflow's managed ${provider} account (\`${use.field}\`): runs spend your Roboflow credits (${SHARE_NOTE}).`;
    case 'block-default':
      return `Step \`${use.stepName}\` leaves ${credentialLabel(use)} unset, so it calls ${provider} with a Roboflow-managed key: runs spend your Roboflow credits (${SHARE_NOTE}).`;
    default:
      return `Step \`${use.stepName}\` calls ${provider} with a Roboflow-managed key (\`rf_key:account\`): runs spend your Roboflow credits (${SHARE_NOTE}).`;
  }
}

function credentialUseFinding(use: CredentialUse): Finding | undefined {
  const what = credentialLabel(use);
  const provider = use.provider.name;
  switch (use.source) {
    case 'input': {
      let message = `Step \`${use.stepName}\` takes its ${provider} credential ${what} from input \`${use.inputName}\`: whoever runs the workflow supplies it.`;
      if (use.inputDeclaredSecret === false) message += ' Declare the input with kind `secret` so outputs that echo it are masked.';
      if (use.inputDefault === 'managed-key') message += ' By default it uses a Roboflow-managed key, which spends Roboflow credits.';
      return { code: SECURITY_CODES.credentialInput, severity: 'information', message, range: use.range, related: use.inputRange ? [{ message: `Input \`${use.inputName}\``, range: use.inputRange }] : undefined };
    }
    case 'environment':
      return {
        code: SECURITY_CODES.credentialEnvironment,
        severity: 'information',
        message: `Step \`${use.stepName}\` reads its ${provider} credential ${what} from the server's environment (\`${use.environment!.variable}\`, via step \`${use.environment!.step}\`). Hosted Roboflow does not allow environment secrets; people you share with supply it as an input.`,
        range: use.range,
      };
    case 'managed-key':
      return { code: SECURITY_CODES.managedKey, severity: 'information', message: managedKeyMessage(use), range: use.range };
    case 'placeholder':
      return {
        code: SECURITY_CODES.credentialPlaceholder,
        severity: 'warning',
        message: `Step \`${use.stepName}\` has a placeholder, not a ${provider} credential, in ${what}: the step fails until it gets a real one. Take it from an input such as \`${use.secretName}\`.`,
        range: use.range,
      };
    case 'missing':
      // Fields the block requires are reported by the validator; this is the provider-setting case.
      if (use.required) return undefined;
      return { code: SECURITY_CODES.credentialMissing, severity: 'warning', message: `Step \`${use.stepName}\` uses its own ${provider} account but sets no ${what}.`, range: use.range };
    default:
      return undefined;
  }
}

/** Findings from an analysis already made (the literal-secret fix needs `analysis.text`). */
export function securityFindings(analysis: SecurityAnalysis): Finding[] {
  const findings: Finding[] = analysis.models.privateModels.map(privateModelFinding);
  if (analysis.models.decidedAtRunTime.length) findings.push(runTimeModelsFinding(analysis.models.decidedAtRunTime));
  if (analysis.credentials.literalSecrets.length || analysis.writtenSecrets.length) {
    const parsed: ParsedText = analysis.text === undefined ? {} : { root: analysis.model?.root, options: formattingOf(analysis.text) };
    for (const secret of analysis.credentials.literalSecrets) findings.push(literalSecretFinding(secret, analysis.text, parsed));
    for (const secret of analysis.writtenSecrets) findings.push(placedSecretFinding(secret, analysis.text, parsed));
  }
  for (const use of analysis.credentials.uses) {
    const finding = credentialUseFinding(use);
    if (finding) findings.push(finding);
  }
  const uncertain = analysis.credentials.uncertain;
  if (uncertain.length) {
    findings.push({
      code: SECURITY_CODES.credentialUncertain,
      severity: 'information',
      message:
        uncertain.length === 1
          ? `${uncertain[0].message} This cannot be known from the file; if it is a credential, take it from an input of kind \`secret\`.`
          : `${uncertain.length} values may be credentials, which cannot be known from the file (see related). Take any credential from an input of kind \`secret\`.`,
      range: uncertain[0].range,
      related: uncertain.length === 1 ? undefined : uncertain.map((item) => ({ message: item.message, range: item.range })),
    });
  }
  return findings.sort((a, b) => a.range.offset - b.range.offset);
}

/** Private models and credentials of a workflow, as findings. */
export function analyzeSecurity(source: SecuritySource, catalog: Catalog, options?: SecurityOptions): Finding[] {
  return securityFindings(analyzeWorkflowSecurity(source, catalog, options));
}
