import { applyEdits, format, getNodeValue, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { analyzeWorkflowSecurity, type SecurityOptions } from '../analysis/analyze';
import { knownSecrets, scanForSecrets } from '../analysis/secretScan';
import type { MovableSecret } from '../analysis/writtenSecrets';
import type { CredentialUse } from '../analysis/credentials';
import { appendAllToArrayEdits, applyTextEdits, formattingOf, removePropertyEdits, replaceValueEdit, setValueEdits } from '../text/jsonEdits';
import { credentialInputBaseName, selectorSafeName, uniqueName } from '../analysis/inputNames';
import { credentialInputDeclaration, readSecretLiteral } from '../analysis/moveSecret';
import type { Catalog } from '../catalog/catalog';
import { DEFAULT_SHARING_SETTINGS, type SharingSettings } from './settings';

/** "Export shareable definition": the definition people you share with receive. No credential
 * value is ever written: literal secrets always become inputs (as the editor's Move to
 * SecretStorage would make them), and a credential no input can replace (inside a URL or a
 * prompt, in a key) refuses the export, saying where; with `user-provided` credentials,
 * every credential (literal, stored in the server's environment, or a key stored in your Roboflow
 * settings) becomes an input of kind `secret` that they supply; with `owner-hidden`, references
 * stay as they are, since they run with your hidden credentials. */

export interface ExportedCredentialInput {
  name: string;
  provider: string;
  steps: string[];
  /** Whether the input was added by the export (otherwise it was already declared). */
  added: boolean;
}

export interface ShareableDefinition {
  /** Formatted JSON text. */
  text: string;
  settings: SharingSettings;
  /** Inputs of kind `secret` that carry credentials in the exported definition. */
  credentialInputs: ExportedCredentialInput[];
  literalSecretsRemoved: number;
  /** Short notes on what changed, for the person exporting. */
  notes: string[];
}

export class ExportError extends Error {}

interface Conversion {
  use: CredentialUse;
  inputName: string;
}

/** Which credential uses become inputs under these settings. */
function convertsToInput(use: CredentialUse, settings: SharingSettings): boolean {
  if (use.source === 'literal' || use.source === 'placeholder') return true;
  if (settings.credentials === 'owner-hidden') return false;
  return use.source === 'environment' || (use.source === 'managed-key' && use.managedKey === 'user' && use.managedBy === 'value');
}

/** Uses that carry the same value (the same key pasted twice, the same variable) share one input. */
function groupingKey(use: CredentialUse, text: string): string {
  if (use.source === 'environment') return `env\0${use.environment!.step}\0${use.environment!.variable}`;
  return `value\0${use.provider.id}\0${readSecretLiteral(text, use.range) ?? use.path.join('\0')}`;
}

function stringNodes(node: Node | undefined, into: string[] = []): string[] {
  if (!node) return into;
  if (node.type === 'string') into.push(node.value as string);
  for (const child of node.children ?? []) stringNodes(child, into);
  return into;
}

function listPlaces(places: string[]): string {
  const unique = [...new Set(places)];
  return unique.length <= 6 ? unique.join('; ') : `${unique.slice(0, 6).join('; ')} and ${unique.length - 6} more`;
}

/**
 * `storedSecrets`: values that must never leave (the editor's SecretStorage). They are found in the
 * workflow in any spelling the redactor knows, and the result is checked for them again.
 */
export function exportShareableDefinition(text: string, catalog: Catalog, settings: SharingSettings = DEFAULT_SHARING_SETTINGS, security: SecurityOptions = {}): ShareableDefinition {
  const analysis = analyzeWorkflowSecurity(text, catalog, security);
  const model = analysis.model;
  if (!model) throw new ExportError('The workflow is not a JSON object; fix it before exporting a shareable definition.');
  const stuck = analysis.writtenSecrets.filter((s) => !s.fix);
  if (stuck.length) {
    throw new ExportError(
      `Not exported: credentials are written where no input can take their place (${listPlaces(stuck.map((s) => s.place))}). Take them out of the workflow (see its \`literal-secret\` errors), then export again.`,
    );
  }
  const moved: MovableSecret[] = analysis.writtenSecrets.map((s) => s.fix!);
  const options = formattingOf(text);
  const notes: string[] = [];
  // Long enough not to match ordinary text by chance.
  const secretValues = analysis.credentials.literalSecrets.map((s) => readSecretLiteral(text, s.range)).filter((v): v is string => !!v && v.length >= 8);

  // 1. Credentials that become inputs.
  const conversions: Conversion[] = [];
  const namesByKey = new Map<string, string>();
  const taken = new Set(model.inputs.map((input) => input.name).filter((name): name is string => !!name));
  for (const secret of moved) taken.add(secret.inputName);
  for (const use of analysis.credentials.uses) {
    if (!convertsToInput(use, settings)) continue;
    const key = groupingKey(use, text);
    let inputName = namesByKey.get(key);
    if (!inputName) {
      const preferred = use.source === 'environment' ? selectorSafeName(use.environment!.variable) : '';
      inputName = uniqueName(preferred || credentialInputBaseName(use.provider, use.field, use.entryKey), taken);
      namesByKey.set(key, inputName);
    }
    conversions.push({ use, inputName });
  }
  // Every converted value is a string node of the original text: one pass, no re-parsing.
  const movedToSteps = moved.filter((s) => s.where === 'step');
  let current = applyTextEdits(text, [
    ...conversions.map(({ use, inputName }) => replaceValueEdit(use.range, `$inputs.${inputName}`)),
    ...movedToSteps.map((s) => replaceValueEdit(s.range, `$inputs.${s.inputName}`)),
  ]);

  // 2. Inputs already declared: no literal default; kind `secret` when they carry credentials.
  const credentialInputs = new Map<string, ExportedCredentialInput>();
  const record = (name: string, use: CredentialUse, added: boolean) => {
    const entry = credentialInputs.get(name) ?? { name, provider: use.provider.name, steps: [], added };
    if (!entry.steps.includes(use.stepName)) entry.steps.push(use.stepName);
    credentialInputs.set(name, entry);
  };
  // Only a use read from an input names one.
  const inputUses = analysis.credentials.uses.filter((use) => use.source === 'input');
  const allStrings = stringNodes(model.root);
  const handledInputs = new Set<string>();
  for (const use of inputUses) {
    const input = model.inputs.find((i) => i.name === use.inputName);
    record(use.inputName!, use, false);
    if (!input || handledInputs.has(use.inputName!)) continue;
    handledInputs.add(use.inputName!);
    if (use.inputDefault === 'literal' || use.inputDefault === 'placeholder') {
      current = applyTextEdits(current, removePropertyEdits(current, ['inputs', input.index, 'default_value'], options));
      notes.push(`Removed the default value of input \`${input.name}\`.`);
    }
    if (settings.credentials !== 'user-provided' || use.inputDeclaredSecret) continue;
    const uses = inputUses.filter((u) => u.inputName === use.inputName);
    const kindPath: JSONPath = ['inputs', input.index, 'kind'];
    if (input.kindNode?.type === 'array') {
      // Adding a kind only widens what the input matches, so no reference can break.
      current = applyTextEdits(current, setValueEdits(current, kindPath, [...(getNodeValue(input.kindNode) as unknown[]), 'secret'], options));
      notes.push(`Input \`${input.name}\` is now of kind \`secret\`.`);
    } else if (allStrings.filter((s) => s === `$inputs.${input.name}`).length === uses.length) {
      const kinds = [...new Set(uses.flatMap((u) => u.inputKinds))];
      current = applyTextEdits(current, setValueEdits(current, kindPath, kinds, options));
      notes.push(`Input \`${input.name}\` is now of kind \`secret\`.`);
    } else {
      notes.push(`Input \`${input.name}\` also feeds fields that are not credentials, so its kind was left as it was; its value is not masked in outputs.`);
    }
  }

  // 3. New inputs, one per distinct credential.
  const declarations = new Map<string, ReturnType<typeof credentialInputDeclaration>>();
  for (const { use, inputName } of conversions) {
    record(inputName, use, true);
    if (!declarations.has(inputName)) declarations.set(inputName, credentialInputDeclaration(inputName, use.inputKinds));
  }
  for (const secret of movedToSteps) if (!declarations.has(secret.inputName)) declarations.set(secret.inputName, credentialInputDeclaration(secret.inputName, secret.inputKinds));
  current = applyTextEdits(current, appendAllToArrayEdits(current, ['inputs'], [...declarations.values()], options));
  // Defaults of inputs a credential reads were removed in 2.; these are the others (the analysis reports each once).
  for (const secret of moved.filter((s) => s.where === 'input-default')) {
    current = applyTextEdits(current, removePropertyEdits(current, secret.path, options));
    notes.push(`Removed the default value of input \`${secret.inputName}\`.`);
  }
  const literalSecretsRemoved = analysis.credentials.literalSecrets.length + moved.length;
  if (literalSecretsRemoved) notes.push(`Removed ${literalSecretsRemoved} credential${literalSecretsRemoved === 1 ? '' : 's'} written in the file; ${literalSecretsRemoved === 1 ? 'it is' : 'they are'} now ${literalSecretsRemoved === 1 ? 'an input' : 'inputs'}.`);

  // 4. Secrets-store steps nothing reads any more (they fail on hosted Roboflow anyway).
  const emptiedStores = new Set(conversions.filter((c) => c.use.source === 'environment').map((c) => c.use.environment!.step));
  const storeIndexes: number[] = [];
  const remaining = stringNodes(parseTree(current));
  for (const step of model.steps) {
    const name = step.name;
    if (!name || !emptiedStores.has(name) || remaining.some((s) => s === `$steps.${name}` || s.startsWith(`$steps.${name}.`))) continue;
    storeIndexes.push(step.index);
    notes.push(`Removed step \`${name}\`: its environment secrets are now inputs.`);
  }
  for (const index of storeIndexes.sort((a, b) => b - a)) current = applyTextEdits(current, removePropertyEdits(current, ['steps', index], options));

  for (const item of analysis.credentials.uncertain) notes.push(`${item.message} It was kept as written.`);

  const formatted = applyEdits(current, format(current, undefined, options));
  // Belt and braces: whatever happened above, no secret written in the file leaves with it, no
  // stored secret in any spelling the redactor knows, nothing shaped like a credential.
  const known = knownSecrets([...(security.storedSecrets ?? []), ...secretValues]);
  const leftOver = [...known.exact, ...known.variants].some((value) => formatted.includes(value) || formatted.includes(JSON.stringify(value).slice(1, -1)));
  if (leftOver || scanForSecrets(parseTree(formatted)!, formatted, known).length) {
    throw new ExportError('Not exported: a credential written in the workflow could not be removed; move it to an input (Move to SecretStorage) before exporting.');
  }
  return { text: formatted, settings, credentialInputs: [...credentialInputs.values()], literalSecretsRemoved, notes };
}
