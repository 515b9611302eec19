import { getNodeValue } from 'jsonc-parser';
import type { InputField, JsonValue } from '../../protocol/preview';
import { controlFor } from '../../protocol/inputValues';
import type { SecurityAnalysis } from '../analysis/analyze';
import { INPUT_TYPES, type WorkflowInput } from '../model/workflow';
import { credentialRoute, type CredentialRoute } from './credentialRoute';
import { ownValue } from '../ownProperties';

/**
 * What a preview asks for before a run, from the located definition: one control per input, and
 * the credentials the run must supply as `$inputs.<name>`. Credential inputs never get a plain
 * control: their values come from SecretStorage or a password box, never from the webview.
 */

export interface CredentialNeed {
  /** The workflow input that carries it. */
  name: string;
  /** Who it is for, as people read it. */
  provider: string;
  steps: string[];
  /** The input has a `default_value` the server falls back to. */
  hasDefault: boolean;
  /** Whether a stored credential may fill it (its provider), or why it is typed for each run. */
  route: CredentialRoute;
}

export interface PreviewForm {
  inputs: InputField[];
  credentials: CredentialNeed[];
}

/** Kinds whose values are credentials, whatever reads them. */
const SECRET_KINDS = new Set(['secret', 'roboflow_api_key']);

/** A `default_value` other than null (the model reads it exactly when the node is there). */
function hasDefault(input: WorkflowInput): boolean {
  return input.defaultValue !== undefined && input.defaultValue !== null;
}

export function previewForm(security: SecurityAnalysis): PreviewForm {
  const model = security.model;
  if (!model) return { inputs: [], credentials: [] };
  const declared = new Map<string, WorkflowInput>();
  for (const input of model.inputs) if (input.name && !declared.has(input.name)) declared.set(input.name, input);

  // Credentials read from inputs, grouped by input name, in order of first use.
  const credentials = new Map<string, CredentialNeed>();
  for (const use of security.credentials.uses) {
    if (use.source !== 'input' || !use.inputName) continue;
    const existing = credentials.get(use.inputName);
    if (existing) {
      if (!existing.steps.includes(use.stepName)) existing.steps.push(use.stepName);
      continue;
    }
    const input = declared.get(use.inputName);
    const route = credentialRoute(security, use.inputName);
    credentials.set(use.inputName, { name: use.inputName, provider: (route.provider ?? use.provider).name, steps: [use.stepName], hasDefault: !!input && hasDefault(input), route });
  }
  // Inputs declared as secrets that no credential field reads (a webhook header, an expression).
  for (const input of declared.values()) {
    if (credentials.has(input.name!) || !input.kinds.some((k) => SECRET_KINDS.has(k))) continue;
    credentials.set(input.name!, { name: input.name!, provider: 'Secret input', steps: [], hasDefault: hasDefault(input), route: credentialRoute(security, input.name!) });
  }

  const inputs: InputField[] = [];
  for (const input of declared.values()) {
    const name = input.name!;
    if (credentials.has(name)) continue;
    const canonical = input.type ? ownValue(INPUT_TYPES, input.type)?.canonical : undefined;
    if (canonical === 'WorkflowImage') {
      inputs.push({ kind: 'image', name });
      continue;
    }
    const defaultValue = input.defaultNode ? (getNodeValue(input.defaultNode) as JsonValue) : undefined;
    const batch = canonical === 'WorkflowBatchInput' || canonical === 'WorkflowVideoMetadata';
    const { control, min, max } = batch ? { control: 'json' as const, min: undefined, max: undefined } : controlFor(input.kinds, defaultValue);
    inputs.push({
      kind: 'parameter',
      name,
      control,
      kinds: input.kinds,
      ...(defaultValue !== undefined && { defaultValue }),
      hasDefault: defaultValue !== undefined && defaultValue !== null,
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
    });
  }
  return { inputs, credentials: [...credentials.values()] };
}
