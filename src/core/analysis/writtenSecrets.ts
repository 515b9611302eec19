import type { JSONPath, Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { showUserString } from '../text/secretText';
import type { CredentialAnalysis } from './credentials';
import { credentialInputBaseName, credentialInputKinds, uniqueName } from './inputNames';
import { providerFor, type Provider } from './providers';
import { scanForSecrets, type KnownSecrets, type WrittenSecret } from './secretScan';
import { stepLabel } from './stepFields';

/** A credential found by the document scanner, placed in the workflow: where it is in words, and
 * the "Move to SecretStorage" fix when one can be made correctly. */
export interface PlacedSecret extends WrittenSecret {
  /** "step `hook`, `url`", "the `default_value` of input `key`", "output `out`". */
  place: string;
  stepName?: string;
  /** The whole string can be replaced by `$inputs.<inputName>` (or the input loses its default). */
  fix?: MovableSecret;
}

/** What "Move to SecretStorage" needs to know about a literal (see moveSecret.ts). */
export interface MovableSecret {
  /** The JSON string node. */
  range: OffsetRange;
  path: JSONPath;
  where: 'step' | 'input-default';
  inputName: string;
  inputKinds: string[];
  /** The provider (id) the value is stored for. A secret outside a credential field is stored for
   * its block's provider, or the generic `secret`; either way a preview only fills credential fields
   * of a fixed-address provider with it (core/preview/credentialRoute.ts). */
  provider: string;
}

/** `json_payload.nested.list[1]`. */
function pathLabel(path: JSONPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${showUserString(p)}`)).join('');
}

/** Where a secret sits below its owner: its path, or for a key that is itself a credential, the object
 * holding it (the key is never shown, and a path ending in its description would read as a name). */
function placeLabel(tail: JSONPath, inKey: boolean): string {
  if (!inKey) return `\`${pathLabel(tail)}\``;
  const holder = tail.slice(0, -1);
  return holder.length ? `a key of \`${pathLabel(holder)}\`` : 'a property name';
}

/** Properties an input cannot stand in for: they say what the step is. */
const STRUCTURAL = new Set(['type', 'name']);
const UNKNOWN_BLOCK: Provider = { id: 'secret', name: 'secret', inputPrefix: 'secret', fixedAddress: false };

function placeAndFix(secret: WrittenSecret, model: WorkflowModel, catalog: Catalog, taken: Set<string>): Pick<PlacedSecret, 'place' | 'stepName' | 'fix'> {
  const [section, index, property, entry] = secret.path;
  const step = section === 'steps' ? model.steps.find((s) => s.index === index) : undefined;
  if (step && typeof property === 'string') {
    const stepName = stepLabel(step);
    const place = `step \`${stepName}\`, ${placeLabel(secret.path.slice(2), secret.inKey)}`;
    if (!secret.whole || secret.inKey || secret.path.length > 4 || STRUCTURAL.has(property)) return { place, stepName };
    const field = step.block ? catalog.field(step.block, property) : undefined;
    if (secret.path.length === 4) {
      // An entry of a dict property: only dicts whose values may be selectors can read an input.
      const dictNode = findChild(step.node, property);
      if (typeof entry !== 'string' || dictNode?.type !== 'object' || !field?.containers.includes('dict') || !field.selectorTargets.length) return { place, stepName };
    }
    // Named after the block (never after what is written, which may be the secret itself).
    const provider = step.block ? providerFor(step.block.type) : UNKNOWN_BLOCK;
    const base = secret.suggestedInput ?? credentialInputBaseName(provider, property, typeof entry === 'string' ? entry : undefined);
    const inputName = uniqueName(base, taken);
    return { place, stepName, fix: { range: secret.nodeRange, path: secret.path, where: 'step', inputName, inputKinds: secret.path.length === 4 ? ['secret'] : credentialInputKinds(field), provider: provider.id } };
  }
  const input = section === 'inputs' ? model.inputs.find((i) => i.index === index) : undefined;
  if (input) {
    const name = input.name ?? `#${input.index + 1}`;
    if (property === 'default_value' && secret.path.length === 3 && secret.whole && input.name) {
      return { place: `the \`default_value\` of input \`${name}\``, fix: { range: secret.nodeRange, path: secret.path, where: 'input-default', inputName: input.name, inputKinds: ['secret'], provider: UNKNOWN_BLOCK.id } };
    }
    return { place: `input \`${name}\`, ${placeLabel(secret.path.slice(2), secret.inKey)}` };
  }
  if (section === 'outputs' && typeof index === 'number') {
    const name = model.outputs.find((o) => o.index === index)?.name;
    return { place: `output ${name ? `\`${name}\`` : `#${index + 1}`}` };
  }
  return { place: placeLabel(secret.path, secret.inKey) };
}

function findChild(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/** Credentials written anywhere in the document that the credential-field analysis did not
 * already report (it knows the provider and the field, so its finding says more). */
export function placedSecrets(model: WorkflowModel, catalog: Catalog, text: string | undefined, known: KnownSecrets, credentials: CredentialAnalysis): PlacedSecret[] {
  const reported = new Set(credentials.literalSecrets.map((s) => s.range.offset));
  const taken = new Set<string>();
  for (const input of model.inputs) if (input.name) taken.add(input.name);
  for (const secret of credentials.literalSecrets) taken.add(secret.inputName);
  for (const use of credentials.uses) if (use.secretName) taken.add(use.secretName);
  return scanForSecrets(model.root, text, known)
    .filter((secret) => !reported.has(secret.nodeRange.offset))
    .map((secret) => ({ ...secret, ...placeAndFix(secret, model, catalog, taken) }));
}
