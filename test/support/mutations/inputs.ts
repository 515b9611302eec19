import { entries, freshName, names, selectorSites, setAt, type Json, type JsonObject } from './definition';
import type { MutationContext, Mutated } from './types';

/** Mutations of declared inputs: their types, kinds, defaults, dimensionality and names. */

const TYPES = ['WorkflowImage', 'InferenceImage', 'WorkflowParameter', 'InferenceParameter', 'WorkflowBatchInput', 'WorkflowVideoMetadata'];
const BAD_TYPES = ['WorkflowImages', 'Image', 'workflowimage', 'WorkflowInput', 'Parameter', ''];
const KINDS: Json[] = [['strng'], [], 'string', ['image'], ['*'], ['string', 'integer'], [{ name: 'image' }], [1], ['roboflow_model_id'], ['secret'], [null]];
const DEFAULTS: Json[] = [0.5, 3, 'text', true, null, [1, 2], { a: 1 }, '$inputs.other', ''];
const DIMENSIONALITIES: Json[] = [0, 1, 2, 3, -1, '1', 1.5, null];

export function inputDeclaration(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const roll = rng.next();
  if (roll < 0.15) {
    // A new, unused input of any type with any extras: valid unless an extra breaks its rule.
    const type = rng.pick(TYPES)!;
    const input: JsonObject = { type, name: freshName(names(definition, 'inputs'), 'extra') };
    if (rng.chance(0.4)) input.kind = rng.pick(KINDS)!;
    if (rng.chance(0.3)) input.dimensionality = rng.pick(DIMENSIONALITIES)!;
    if (rng.chance(0.3)) input.default_value = rng.pick(DEFAULTS)!;
    if (!Array.isArray(definition.inputs)) return undefined;
    definition.inputs.push(input);
    return { variant: `new-${type}${'kind' in input ? '/kind' : ''}${'dimensionality' in input ? '/dimensionality' : ''}${'default_value' in input ? '/default' : ''}`, label: `new input ${JSON.stringify(input)}`, definition };
  }
  const input = rng.pick(entries(definition, 'inputs'));
  if (!input) return undefined;
  const before = JSON.stringify(input.value);
  if (roll < 0.35) {
    const unknown = rng.chance(0.4);
    const type = unknown ? rng.pick(BAD_TYPES)! : rng.pick(TYPES.filter((t) => t !== input.value.type))!;
    input.value.type = type;
    return { variant: unknown ? 'unknown-type' : `type/${type}`, label: `inputs[${input.index}] ${before} becomes type ${JSON.stringify(type)}`, definition };
  }
  if (roll < 0.55) {
    const kind = rng.pick(KINDS)!;
    input.value.kind = kind;
    return { variant: `kind/${JSON.stringify(kind)}`, label: `inputs[${input.index}] ${before} gets kind ${JSON.stringify(kind)}`, definition };
  }
  if (roll < 0.7) {
    const value = rng.pick(DEFAULTS)!;
    input.value.default_value = value;
    return { variant: `default/${input.value.type}`, label: `inputs[${input.index}] ${before} gets default_value ${JSON.stringify(value)}`, definition };
  }
  if (roll < 0.85) {
    const value = rng.pick(DIMENSIONALITIES)!;
    input.value.dimensionality = value;
    return { variant: `dimensionality/${input.value.type}/${JSON.stringify(value)}`, label: `inputs[${input.index}] ${before} gets dimensionality ${JSON.stringify(value)}`, definition };
  }
  // Renamed everywhere, to a name selectors may or may not be able to spell.
  const old = input.value.name;
  if (typeof old !== 'string') return undefined;
  const renamed = rng.pick([`${old}_2`, `${old} 2`, '', `${old}.x`, `${old}-x`])!;
  input.value.name = renamed;
  for (const site of selectorSites(definition)) if (site.value === `$inputs.${old}`) setAt(definition, site.path, `$inputs.${renamed}`);
  return { variant: `renamed/${/^[A-Za-z0-9_-]+$/.test(renamed) ? 'referenceable' : 'unreferenceable'}`, label: `input \`${old}\` renamed ${JSON.stringify(renamed)} everywhere`, definition };
}
