import type { JSONPath, Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { BlockSpec, FieldSpec } from '../catalog/types';
import type { OffsetRange } from '../findings';
import type { WorkflowInput, WorkflowModel, WorkflowStep } from '../model/workflow';
import { properties, rangeOf, stringValue, valueNode } from '../parse/tree';
import { parseSelector } from '../selectors';
import { credentialInputBaseName, credentialInputKinds, selectorSafeName, uniqueName } from './inputNames';
import { providerFor, type Provider } from './providers';
import { inputsByName, stepLabel, stepProperties, stepsByName, type StepProperty } from './stepFields';

/** Where each credential of each step comes from. Values are never copied into results: a
 * literal secret is known only by its range and path. */

export type CredentialSource =
  | 'literal' // a secret written in the document
  | 'placeholder' // `<your key>`, `YOUR_API_KEY`…: not a secret, but not a credential either
  | 'input' // `$inputs.x`: supplied by whoever runs the workflow
  | 'environment' // `$steps.<environment_secrets_store>.x`: the server's environment
  | 'step-output' // computed by another step at run time
  | 'managed-key' // `rf_key:account`, `rf_key:user:…`, or a block default that is one
  | 'missing' // absent, but the block needs it
  | 'not-needed'; // absent and optional

export interface CredentialUse {
  stepName: string;
  stepIndex: number;
  blockType: string;
  provider: Provider;
  /** Canonical field name (`api_key`, `headers`…). */
  field: string;
  /** The header or query-parameter name, for webhook dictionaries. */
  entryKey?: string;
  source: CredentialSource;
  required: boolean;
  /** The value's location as a jsonc-parser path (it may not exist yet when the field is absent). */
  path: JSONPath;
  /** The value, or the step's `type` when the field is absent. */
  range: OffsetRange;
  /** Kinds for an input that would carry this credential. */
  inputKinds: string[];
  /** The input a person running the workflow supplies: the referenced one, or the one a fix or an
   * export would create. Also the SecretStorage name. Undefined when no value is needed. */
  secretName?: string;
  /** For `input`. */
  inputName?: string;
  inputDeclaredSecret?: boolean;
  inputRange?: OffsetRange;
  /** The referenced input's `default_value`, classified. */
  inputDefault?: 'literal' | 'placeholder' | 'managed-key';
  /** For `environment`: the secrets-store step and the (lower-cased) variable it outputs. */
  environment?: { step: string; variable: string };
  /** For `managed-key`. */
  managedKey?: 'account' | 'user';
  managedBy?: 'value' | 'block-default' | 'provider-setting';
}

export interface LiteralSecret {
  /** The JSON string node holding the secret. */
  range: OffsetRange;
  path: JSONPath;
  /** In a step field, or as the `default_value` of an input a credential field references. */
  where: 'step' | 'input-default';
  /** For `step`: a free name for the new input. For `input-default`: the existing input. */
  inputName: string;
  inputKinds: string[];
  use: CredentialUse;
}

/** Something that may or may not be a credential: said once, as information. */
export interface UncertainCredential {
  range: OffsetRange;
  message: string;
}

export interface CredentialedStep {
  stepName: string;
  stepIndex: number;
  blockType: string;
  provider: Provider;
  range: OffsetRange;
  uses: CredentialUse[];
}

export interface CredentialAnalysis {
  uses: CredentialUse[];
  literalSecrets: LiteralSecret[];
  /** Steps with at least one credential that needs a value: what the credentials option is about. */
  credentialedSteps: CredentialedStep[];
  uncertain: UncertainCredential[];
}

export const ROBOFLOW_MANAGED_ACCOUNT_KEY = 'rf_key:account';
const MANAGED_PROVIDER_VALUE = 'Roboflow Managed API Key';

export function managedKeyKind(value: string): 'account' | 'user' | undefined {
  if (value.startsWith('rf_key:account')) return 'account';
  if (value.startsWith('rf_key:user:')) return 'user';
  return undefined;
}

/** Roboflow's publishable keys (`rf_<workspace>`) are meant to be public: not a credential. */
export function isPublishableKey(value: string): boolean {
  return /^rf_[A-Za-z0-9]+$/.test(value);
}

const PLACEHOLDER = /^(<[^>]*>|\{\{[^}]*\}\}|\$\{[^}]*\}|\[[^\]]*\]|(your|insert|enter|paste)[-_ ].*|.*[-_ ]here|x{3,}|\*{3,}|.{0,4}\*{4,}.{0,4}|\.{3}|…|changeme|change[-_ ]?me|replace[-_ ]?me|placeholder|todo|tbd|redacted|secret|password|token|api[-_ ]?key|none|null|undefined)$/i;

/** Text that stands in for a credential rather than being one. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

const CREDENTIAL_NAME = /(api[-_]?key|apikey|token|secret|passw(or)?d|passwd|auth|signature|session|credential|private[-_]?key|access[-_]?key)/i;
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$/i;
const CREDENTIAL_QUERY = /^(key|sig|code)$/i;

/** Header / query-parameter names whose values are credentials. */
export function isCredentialEntryName(field: string, name: string): boolean {
  if (CREDENTIAL_NAME.test(name)) return true;
  return field === 'headers' ? CREDENTIAL_HEADER.test(name) : CREDENTIAL_QUERY.test(name);
}

/** A literal that looks like a token though its name does not say so. */
function looksLikeToken(value: string): boolean {
  if (/^(bearer|basic|token)\s+\S{8,}$/i.test(value)) return true;
  if (/^(sk|pk|rk)[-_][A-Za-z0-9_-]{8,}$|^xox[abpr]-|^gh[pousr]_|^AKIA[0-9A-Z]{12,}|^AIza[0-9A-Za-z_-]{20,}/.test(value)) return true;
  return value.length >= 24 && /^[A-Za-z0-9_\-+/=.]+$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

function isDictField(field: FieldSpec): boolean {
  return field.containers.includes('dict') && !field.containers.includes('single');
}

/** The credential fields of a block: the catalog's list, plus fields marked `private` or taking
 * kind `secret` (a live server's catalog may lack the list). */
function credentialFieldsOf(block: BlockSpec, catalog: Catalog): { field: FieldSpec; required: boolean; managedDefault?: string }[] {
  const result = new Map<string, { field: FieldSpec; required: boolean; managedDefault?: string }>();
  for (const spec of block.credentialFields) {
    const field = catalog.field(block, spec.name);
    if (!field) continue;
    const managedDefault = spec.default && managedKeyKind(spec.default) ? spec.default : undefined;
    result.set(field.name, { field, required: spec.required, managedDefault });
  }
  for (const field of block.fields) {
    if (result.has(field.name)) continue;
    if (field.private || field.selectorKinds.includes('secret')) {
      const managedDefault = typeof field.default === 'string' && managedKeyKind(field.default) ? field.default : undefined;
      result.set(field.name, { field, required: field.required, managedDefault });
    }
  }
  return [...result.values()];
}

/** Whether the credential analysis reads any field of the block's steps. */
export function hasCredentialFields(block: BlockSpec, catalog: Catalog): boolean {
  return credentialFieldsOf(block, catalog).length > 0;
}

/** `email_provider` / `sms_provider`: a setting that makes the block use Roboflow's own account. */
function managedProviderSetting(block: BlockSpec, properties: Map<string, StepProperty>): { field: FieldSpec; managed: boolean; node?: Node } | undefined {
  const field = block.fields.find((f) => f.enumValues?.includes(MANAGED_PROVIDER_VALUE));
  if (!field) return undefined;
  const node = properties.get(field.name)?.value;
  // Only compared with the managed provider's name, so a default of another type simply does not match.
  const value: unknown = node ? stringValue(node) : field.default;
  return { field, managed: value === MANAGED_PROVIDER_VALUE, node };
}

interface Context {
  catalog: Catalog;
  inputs: Map<string, WorkflowInput>;
  steps: Map<string, WorkflowStep>;
  takenNames: Set<string>;
  uses: CredentialUse[];
  literalSecrets: LiteralSecret[];
  uncertain: UncertainCredential[];
  /** Inputs whose literal default was already reported. */
  reportedDefaults: Set<WorkflowInput>;
}

type UseBase = Omit<CredentialUse, 'source' | 'range' | 'path'>;

function classifyInputDefault(input: WorkflowInput | undefined): CredentialUse['inputDefault'] {
  const value = input?.defaultValue;
  if (typeof value !== 'string' || value.trim() === '' || value.startsWith('$')) return undefined;
  if (managedKeyKind(value)) return 'managed-key';
  return isPlaceholder(value) ? 'placeholder' : 'literal';
}

/** Classifies one string (or absent) value of a credential field and records it. */
function classifyValue(context: Context, base: UseBase, node: Node, path: JSONPath): CredentialUse | undefined {
  const text = node.value as string;
  const range = rangeOf(node);
  if (text.trim() === '') return { ...base, source: base.required ? 'missing' : 'not-needed', range, path };
  const managed = managedKeyKind(text);
  if (managed) {
    return { ...base, source: 'managed-key', managedKey: managed, managedBy: 'value', range, path, secretName: managed === 'user' ? newInputName(context, base) : undefined };
  }
  if (isPublishableKey(text)) return undefined;
  if (!text.startsWith('$')) {
    if (isPlaceholder(text)) return { ...base, source: 'placeholder', range, path, secretName: newInputName(context, base) };
    const use: CredentialUse = { ...base, source: 'literal', range, path, secretName: newInputName(context, base) };
    context.literalSecrets.push({ range, path, where: 'step', inputName: use.secretName!, inputKinds: base.inputKinds, use });
    return use;
  }
  const selector = parseSelector(text);
  if (!selector) return undefined; // malformed: the validator reports it
  if (selector.kind === 'input') {
    const input = context.inputs.get(selector.input);
    const inputDefault = classifyInputDefault(input);
    const use: CredentialUse = {
      ...base,
      source: 'input',
      range,
      path,
      inputName: selector.input,
      secretName: selector.input,
      inputDeclaredSecret: input ? input.kinds.includes('secret') : undefined,
      inputRange: input ? rangeOf(input.nameNode ?? input.node) : undefined,
      inputDefault,
    };
    if (inputDefault === 'literal' && input?.defaultNode && !context.reportedDefaults.has(input)) {
      context.reportedDefaults.add(input);
      context.literalSecrets.push({ range: rangeOf(input.defaultNode), path: ['inputs', input.index, 'default_value'], where: 'input-default', inputName: selector.input, inputKinds: base.inputKinds, use });
    }
    return use;
  }
  if (selector.kind === 'step_output') {
    const source = context.steps.get(selector.step);
    if (source?.block?.blockType === 'secrets_provider') {
      const secretName = newInputName(context, base, selector.output);
      return { ...base, source: 'environment', range, path, environment: { step: selector.step, variable: selector.output }, secretName };
    }
    return { ...base, source: 'step-output', range, path };
  }
  return undefined;
}

/** A free input name; an environment variable's own name is the clearest when there is one. */
function newInputName(context: Context, base: UseBase, preferred?: string): string {
  const safe = preferred ? selectorSafeName(preferred) : '';
  return uniqueName(safe || credentialInputBaseName(base.provider, base.field, base.entryKey), context.takenNames);
}

/** One credential field that holds a single value. */
function scalarField(context: Context, step: WorkflowStep, base: UseBase, property: StepProperty | undefined, managedDefault: string | undefined, managedBySetting: boolean | undefined): void {
  const path: JSONPath = ['steps', step.index, property?.key ?? base.field];
  const stepRange = rangeOf(step.typeNode ?? step.node);
  const value = property?.value;
  if (!value || value.type === 'null') {
    if (managedDefault) {
      context.uses.push({ ...base, source: 'managed-key', managedKey: managedKeyKind(managedDefault), managedBy: 'block-default', range: stepRange, path });
    } else {
      // With a custom provider (`Custom SMTP`), the block needs the field it otherwise ignores.
      const needed = base.required || managedBySetting === false;
      context.uses.push({ ...base, source: needed ? 'missing' : 'not-needed', range: stepRange, path });
    }
    return;
  }
  if (value.type !== 'string') return; // a type error: the validator reports it
  const use = classifyValue(context, base, value, path);
  if (use) context.uses.push(use);
}

/** Webhook `headers` / `query_parameters`: only some entries are credentials. */
function dictField(context: Context, step: WorkflowStep, base: UseBase, property: StepProperty | undefined): void {
  const dict = property?.value;
  if (dict?.type !== 'object') return;
  for (const entry of properties(dict)) {
    const value = entry.value;
    if (value?.type !== 'string') continue;
    const text = value.value as string;
    const path: JSONPath = ['steps', step.index, property!.key, entry.key];
    const entryBase: UseBase = { ...base, entryKey: entry.key, required: false };
    const named = isCredentialEntryName(base.field, entry.key);
    const selector = text.startsWith('$') ? parseSelector(text) : undefined;
    if (named) {
      const use = classifyValue(context, entryBase, value, path);
      if (use && use.source !== 'not-needed') context.uses.push(use);
      continue;
    }
    if (selector?.kind === 'input') {
      const input = context.inputs.get(selector.input);
      if (input && (input.kinds.includes('secret') || input.kinds.includes('roboflow_api_key'))) {
        const use = classifyValue(context, entryBase, value, path);
        if (use) context.uses.push(use);
      }
    } else if (selector?.kind === 'step_output') {
      if (context.steps.get(selector.step)?.block?.blockType === 'secrets_provider') {
        const use = classifyValue(context, entryBase, value, path);
        if (use) context.uses.push(use);
      }
    } else if (!selector && looksLikeToken(text)) {
      context.uncertain.push({
        range: rangeOf(value),
        message: `Step \`${base.stepName}\` sends ${base.field === 'headers' ? 'header' : 'query parameter'} \`${entry.key}\` with a literal value that may be a credential.`,
      });
    }
  }
}

function analyzeStep(context: Context, step: WorkflowStep): void {
  const block = step.block!;
  const fields = credentialFieldsOf(block, context.catalog);
  if (fields.length === 0) return;
  const props = stepProperties(step, context.catalog);
  const provider = providerFor(block.type);
  const setting = managedProviderSetting(block, props);
  if (setting?.managed) {
    context.uses.push({
      stepName: stepLabel(step),
      stepIndex: step.index,
      blockType: block.type,
      provider,
      field: setting.field.name,
      required: false,
      inputKinds: [],
      source: 'managed-key',
      managedKey: 'account',
      managedBy: 'provider-setting',
      path: ['steps', step.index, setting.field.name],
      range: rangeOf(setting.node ?? step.typeNode ?? step.node),
    });
  }
  for (const { field, required, managedDefault } of fields) {
    const base: UseBase = {
      stepName: stepLabel(step),
      stepIndex: step.index,
      blockType: block.type,
      provider,
      field: field.name,
      required: required && !setting?.managed,
      inputKinds: credentialInputKinds(field),
    };
    if (isDictField(field)) dictField(context, step, base, props.get(field.name));
    else scalarField(context, step, base, props.get(field.name), managedDefault, setting?.managed);
  }
}

/** Custom Python blocks declared in the document (`dynamic_blocks_definitions`). */
export function dynamicBlockTypes(root: Node): Set<string> {
  const types = new Set<string>();
  const definitions = valueNode(root, 'dynamic_blocks_definitions');
  for (const definition of definitions?.type === 'array' ? (definitions.children ?? []) : []) {
    const type = stringValue(valueNode(valueNode(definition, 'manifest'), 'block_type'));
    if (type) types.add(type);
  }
  return types;
}

export function analyzeCredentials(model: WorkflowModel, catalog: Catalog): CredentialAnalysis {
  const context: Context = {
    catalog,
    inputs: inputsByName(model),
    steps: stepsByName(model),
    takenNames: new Set(model.inputs.map((input) => input.name).filter((name): name is string => !!name)),
    uses: [],
    literalSecrets: [],
    uncertain: [],
    reportedDefaults: new Set(),
  };
  const dynamicTypes = dynamicBlockTypes(model.root);
  for (const step of model.steps) {
    // A custom block's step has a block too (its definition's manifest), but its Python is what matters.
    if (step.type && dynamicTypes.has(step.type)) {
      context.uncertain.push({ range: rangeOf(step.typeNode ?? step.node), message: `Step \`${stepLabel(step)}\` runs custom Python, which is not checked for credentials.` });
    } else if (step.block) analyzeStep(context, step);
    // Steps of unknown types are left out: the validator already reports them as errors.
  }

  const byStep = new Map<number, CredentialedStep>();
  for (const use of context.uses) {
    if (use.source === 'not-needed') continue;
    const step = model.steps[use.stepIndex];
    let entry = byStep.get(use.stepIndex);
    if (!entry) {
      entry = { stepName: use.stepName, stepIndex: use.stepIndex, blockType: use.blockType, provider: use.provider, range: rangeOf(step.node), uses: [] };
      byStep.set(use.stepIndex, entry);
    }
    entry.uses.push(use);
  }
  return {
    uses: context.uses,
    literalSecrets: context.literalSecrets,
    credentialedSteps: [...byStep.values()],
    uncertain: context.uncertain,
  };
}
