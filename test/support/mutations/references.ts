import type { BlockFacts, FieldFacts } from './blocks';
import {
  ancestors,
  entries,
  freshName,
  names,
  renameStepReferences,
  selectorSites,
  setAt,
  stepByName,
  usedOutputs,
  type JsonObject,
  type SelectorSite,
} from './definition';
import type { MutationContext, Mutated } from './types';

/** Mutations of what selectors point at: renamed steps, dangling names, kinds that do not fit, output selectors. */

/** A near miss of a name: how a typo or a stale copy looks. */
export function misspell(ctx: MutationContext, name: string): string {
  const i = ctx.rng.int(Math.max(1, name.length));
  const variants = [`${name}_old`, `${name}2`, name.slice(0, i) + name.slice(i + 1), `${name.slice(0, i)}x${name.slice(i)}`, 'missing'];
  return ctx.rng.pick(variants.filter((v) => v && v !== name))!;
}

export function renamedStep(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const referenced = new Set(selectorSites(definition).flatMap((s) => (s.target && s.target.kind !== 'input' ? [s.target.step] : [])));
  const step = rng.pick(entries(definition, 'steps').filter((e) => typeof e.value.name === 'string' && referenced.has(e.value.name)));
  if (!step) return undefined;
  const old = step.value.name as string;
  const roll = rng.next();
  if (roll < 0.5) {
    const renamed = freshName(names(definition, 'steps'), old);
    step.value.name = renamed;
    return { variant: 'dangling', label: `step \`${old}\` renamed \`${renamed}\`, selectors still say \`${old}\``, definition };
  }
  // Renamed everywhere: valid, unless the new name is one no selector can spell.
  const renamed = roll < 0.85 ? freshName(names(definition, 'steps'), `${old}_renamed`) : rng.pick([`${old} copy`, `${old}.v2`, `${old}/a`, ''])!;
  for (const key of ['steps', 'outputs'] as const) definition[key] = renameStepReferences(definition[key], old, renamed);
  // The steps list was rebuilt: rename the step in the new one.
  ((definition.steps as JsonObject[])[step.index] as JsonObject).name = renamed;
  return { variant: roll < 0.85 ? 'consistent' : 'consistent-unreferenceable', label: `step \`${old}\` renamed \`${renamed}\` everywhere`, definition };
}

export function danglingSelector(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const site = rng.pick(selectorSites(definition).filter((s) => s.target));
  if (!site?.target) return undefined;
  const target = site.target;
  let replacement: string;
  let variant: string;
  if (target.kind === 'input') {
    replacement = `$inputs.${misspell(ctx, target.input)}`;
    variant = 'missing-input';
  } else if (target.kind === 'step') {
    replacement = `$steps.${misspell(ctx, target.step)}`;
    variant = 'missing-flow-target';
  } else if (rng.chance(0.5)) {
    replacement = `$steps.${misspell(ctx, target.step)}.${target.output}`;
    variant = 'missing-step';
  } else {
    replacement = `$steps.${target.step}.${misspell(ctx, target.output)}`;
    variant = 'missing-output';
  }
  if (names(definition, 'inputs').includes(replacement.slice('$inputs.'.length)) || replacement === site.value) return undefined;
  setAt(definition, site.path, replacement);
  return { variant: `${site.section === 'outputs' ? 'output' : 'step'}/${variant}`, label: `${site.path.join('.')}: ${site.value} → ${replacement}`, definition };
}

/** Concrete kinds (no wildcard) that share nothing with `accepted`. */
function clash(accepted: readonly string[], provided: readonly string[]): boolean {
  if (!accepted.length || !provided.length || accepted.includes('*') || provided.includes('*')) return false;
  return !provided.some((k) => accepted.includes(k));
}

const KIND_SAMPLES = ['boolean', 'string', 'integer', 'float', 'image', 'object_detection_prediction', 'roboflow_model_id', 'dictionary', 'list_of_values', 'float_zero_to_one'];

interface KindedSite {
  site: SelectorSite;
  step: JsonObject;
  field: FieldFacts;
}

function kindedSites(ctx: MutationContext): KindedSite[] {
  const out: KindedSite[] = [];
  for (const site of selectorSites(ctx.definition)) {
    if (site.section !== 'steps') continue;
    const step = (ctx.definition.steps as JsonObject[])[site.index];
    const block = ctx.blocks.block(step.type);
    const field = block && ctx.blocks.field(block, site.property);
    if (field && field.selectorKinds.length && !field.selectorKinds.includes('*')) out.push({ site, step, field });
  }
  return out;
}

export function wrongKind(ctx: MutationContext): Mutated | undefined {
  const { rng, definition, blocks } = ctx;
  const pick = rng.pick(kindedSites(ctx));
  if (!pick) return undefined;
  const { site, step, field } = pick;
  const roll = rng.next();
  const acceptsOutputs = field.selectorTargets.some((t) => t === 'any_data' || t === 'step_output');
  if (roll < 0.5 && acceptsOutputs && typeof step.name === 'string') {
    // Another step's output, from a step that does not itself depend on this one (no cycle).
    const matching = rng.chance(0.25);
    const candidates = entries(definition, 'steps').flatMap(({ value }) => {
      const block: BlockFacts | undefined = blocks.block(value.type);
      if (!block || typeof value.name !== 'string' || value.name === step.name || ancestors(definition, value.name).has(step.name as string)) return [];
      return block.outputs.filter((o) => (matching ? !clash(field.selectorKinds, o.kinds) : clash(field.selectorKinds, o.kinds))).map((o) => `$steps.${value.name}.${o.name}`);
    });
    const replacement = rng.pick(candidates);
    if (!replacement || replacement === site.value) return undefined;
    setAt(definition, site.path, replacement);
    return { variant: matching ? 'step-output-matching' : 'step-output-clash', label: `${site.path.join('.')} (${field.selectorKinds.join('|')}): ${site.value} → ${replacement}`, definition };
  }
  const acceptsInputs = field.selectorTargets.some((t) => t !== 'step' && t !== 'step_output');
  if (!acceptsInputs) return undefined;
  const matching = rng.chance(0.25);
  const kinds = matching ? [rng.pick(field.selectorKinds)!] : [rng.pick(KIND_SAMPLES.filter((k) => !field.selectorKinds.includes(k)))!];
  const name = freshName(names(definition, 'inputs'), `${site.property}_param`);
  (definition.inputs as JsonObject[]).push({ type: 'WorkflowParameter', name, kind: kinds });
  setAt(definition, site.path, `$inputs.${name}`);
  return { variant: matching ? 'declared-input-matching' : 'declared-input-clash', label: `${site.path.join('.')} (${field.selectorKinds.join('|')}) ← new parameter of kind ${kinds.join('|')}`, definition };
}

const BAD_OUTPUT_SELECTORS = ['steps.{s}.{o}', '$steps..{o}', '$steps.{s}.{o}.x', '$steps.{s}.', '$inputs.', '$outputs.{o}', '$step.{s}.{o}', '$steps.{s} .{o}', '', '$', '{{ $steps.{s}.{o} }}', '$Steps.{s}.{o}'];

export function outputSelector(ctx: MutationContext): Mutated | undefined {
  const { rng, definition, blocks } = ctx;
  const output = rng.pick(entries(definition, 'outputs'));
  if (!output) return undefined;
  const stepNames = names(definition, 'steps');
  const step = rng.pick(stepNames);
  const roll = rng.next();
  let replacement: string;
  let variant: string;
  if (roll < 0.2 && step) {
    replacement = `$steps.${step}.*`;
    variant = 'wildcard';
  } else if (roll < 0.35 && step) {
    const known = blocks.block(stepByName(definition, step)?.value.type)?.outputs.map((o) => o.name) ?? usedOutputs(definition, step);
    const name = rng.pick(known) ?? 'output';
    replacement = `$steps.${step}.${rng.chance(0.5) ? misspell(ctx, name) : name}`;
    variant = known.includes(replacement.split('.')[2]) ? 'existing-output' : 'wrong-output-name';
  } else if (roll < 0.5 && step) {
    replacement = `$steps.${step}`;
    variant = 'step-only';
  } else if (roll < 0.75) {
    const o = rng.pick(usedOutputs(definition, step ?? '')) ?? 'predictions';
    replacement = rng.pick(BAD_OUTPUT_SELECTORS)!.replace('{s}', step ?? 'det').replace('{o}', o);
    variant = 'bad-syntax';
  } else if (roll < 0.9) {
    const inputs = names(definition, 'inputs');
    const input = rng.pick(inputs);
    replacement = input && rng.chance(0.6) ? `$inputs.${input}` : `$inputs.${misspell(ctx, input ?? 'image')}`;
    variant = input && replacement === `$inputs.${input}` ? 'input' : 'missing-input';
  } else {
    const value = rng.pick(['own', 'parent', 'OWN', 'global', 1])!;
    output.value.coordinates_system = value;
    return { variant: `coordinates-system/${value === 'own' || value === 'parent' ? 'valid' : 'invalid'}`, label: `outputs[${output.index}].coordinates_system = ${JSON.stringify(value)}`, definition };
  }
  if (replacement === output.value.selector) return undefined;
  const before = output.value.selector;
  output.value.selector = replacement;
  return { variant, label: `outputs[${output.index}].selector: ${JSON.stringify(before)} → ${JSON.stringify(replacement)}`, definition };
}
