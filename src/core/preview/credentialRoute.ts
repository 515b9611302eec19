import type { JSONPath, Node } from 'jsonc-parser';
import type { SecurityAnalysis } from '../analysis/analyze';
import { dynamicBlockTypes, type CredentialUse } from '../analysis/credentials';
import type { Provider } from '../analysis/providers';
import { stepLabel } from '../analysis/stepFields';
import type { WorkflowStep } from '../model/workflow';
import { duplicateKeys } from '../parse/duplicateKeys';
import { properties } from '../parse/tree';

/**
 * Where a secret input's value goes, which decides whether a credential stored in SecretStorage
 * may fill it. A stored credential belongs to one provider (it was stored for OpenAI, say) and goes
 * only into that provider's credential fields: a workflow whose `openai_key` input also (or only)
 * feeds a webhook, an output, custom Python or another provider's block must not receive it just
 * because the names match. So every reference to `$inputs.<name>` in the definition is found, and:
 *
 *  - all are credential fields of one provider whose blocks send it only to that provider's own
 *    servers: a stored credential of that provider fills it (`provider`);
 *  - otherwise the user types the value for this run, and `typed` says why.
 */

export type TypedBecause =
  /** A reference that is not a credential field of a provider with a fixed address. */
  | { kind: 'feeds'; what: string }
  /** Credential fields of more than one provider. */
  | { kind: 'providers'; what: string }
  /** Declared secret, but no step reads it as a credential. */
  | { kind: 'unused' }
  /** A key written twice: the server reads the last copy, the analysis the first. */
  | { kind: 'ambiguous'; what: string };

export type CredentialRoute = { provider: Provider; typed?: undefined } | { provider?: undefined; typed: TypedBecause };

interface Reference {
  node: Node;
  path: JSONPath;
}

/** Every string `$inputs.<name>` outside the `inputs` section (the engine resolves selectors by their dots). */
function referencesTo(root: Node, name: string): Reference[] {
  const found: Reference[] = [];
  // An explicit stack: documents may nest thousands of levels deep.
  const stack: Reference[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node.type === 'string') {
      const parts = (node.value as string).split('.');
      if (parts.length === 2 && parts[0] === '$inputs' && parts[1] === name) found.push({ node, path });
    } else if (node.type === 'object') {
      for (const entry of properties(node)) if (entry.value && !(path.length === 0 && entry.key === 'inputs')) stack.push({ node: entry.value, path: [...path, entry.key] });
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, index) => stack.push({ node: child, path: [...path, index] }));
    }
  }
  return found.sort((a, b) => a.node.offset - b.node.offset);
}

const article = (words: string) => (/^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`);

function stepKind(step: WorkflowStep, customTypes: ReadonlySet<string>): string {
  if (step.type && customTypes.has(step.type)) return 'custom Python';
  return step.block ? article(step.block.humanName) : `a step of unknown type \`${step.type ?? '?'}\``;
}

/** The reference, as a sentence fragment: "a Webhook Sink (step `notify`, `headers.Authorization`)". */
function describeReference(security: SecurityAnalysis, reference: Reference, customTypes: ReadonlySet<string>): string {
  const [section, index, ...rest] = reference.path;
  const model = security.model!;
  if (section === 'steps' && typeof index === 'number' && model.steps[index]) {
    const step = model.steps[index];
    const field = rest.length ? `, \`${rest.join('.')}\`` : '';
    return `${stepKind(step, customTypes)} (step \`${stepLabel(step)}\`${field})`;
  }
  if (section === 'outputs' && typeof index === 'number') {
    const output = model.outputs[index];
    return `output \`${output?.name ?? `#${index + 1}`}\` (returned in the response)`;
  }
  return `\`${reference.path.join('.')}\``;
}

function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Where the secret input `name` goes, and so whether a stored credential may fill it. */
export function credentialRoute(security: SecurityAnalysis, name: string): CredentialRoute {
  const model = security.model;
  if (!model) return { typed: { kind: 'unused' } };
  // A step written with a key twice (two `type`s, two `api_key`s) is read differently by the server
  // than by the analysis below: nothing can be traced, so nothing stored is filled in.
  const duplicate = duplicateKeys(model.root).find((d) => d.path[0] !== 'inputs');
  if (duplicate) {
    const [section, index] = duplicate.path;
    const step = section === 'steps' && typeof index === 'number' ? model.steps[index] : undefined;
    const where = step ? `in step \`${stepLabel(step)}\`` : duplicate.path.length ? `in \`${duplicate.path.join('.')}\`` : 'in the definition';
    return { typed: { kind: 'ambiguous', what: `\`${duplicate.key}\` ${where}` } };
  }
  const references = referencesTo(model.root, name);
  if (references.length === 0) return { typed: { kind: 'unused' } };
  const byOffset = new Map<number, CredentialUse>();
  for (const use of security.credentials.uses) if (use.source === 'input' && use.inputName === name) byOffset.set(use.range.offset, use);
  const customTypes = dynamicBlockTypes(model.root);

  const providers = new Map<string, { provider: Provider; steps: string[] }>();
  for (const reference of references) {
    const use = byOffset.get(reference.node.offset);
    if (!use || !use.provider.fixedAddress) return { typed: { kind: 'feeds', what: describeReference(security, reference, customTypes) } };
    const entry = providers.get(use.provider.id) ?? { provider: use.provider, steps: [] };
    if (!entry.steps.includes(use.stepName)) entry.steps.push(use.stepName);
    providers.set(use.provider.id, entry);
  }
  if (providers.size > 1) {
    const what = joinWithAnd([...providers.values()].map(({ provider, steps }) => `${provider.name} (${steps.map((s) => `\`${s}\``).join(', ')})`));
    return { typed: { kind: 'providers', what } };
  }
  return { provider: [...providers.values()][0].provider };
}

/**
 * Why the value is typed for this run, for the panel. `storedFor`: the providers a credential of
 * this name is stored for, so the sentence names the one the user may expect ("not an OpenAI
 * credential field").
 */
export function typedReason(typed: TypedBecause, storedFor: readonly string[] = []): string {
  switch (typed.kind) {
    case 'feeds': {
      const expected = storedFor.length === 1 ? article(`${storedFor[0]} credential field`) : "a provider's own credential field";
      return `it feeds ${typed.what}, not ${expected}`;
    }
    case 'providers':
      return `it feeds the credential fields of ${typed.what}, and a stored credential goes to one provider only`;
    case 'unused':
      return "no step reads it as a provider's credential";
    case 'ambiguous':
      return `the workflow writes ${typed.what} more than once, and the server reads a different copy than this check`;
  }
}
