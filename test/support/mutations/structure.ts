import { splitVersion } from './blocks';
import { ancestors, clone, entries, names, selectorSites, setAt, stepByName, usedOutputs, type Json, type JsonObject } from './definition';
import type { MutationContext, Mutated } from './types';

/** Mutations of the definition's structure: cycles, duplicate names, versions of the document and of blocks. */

/** Some output of a step: the catalog's, else one the definition already reads. */
function anOutput(ctx: MutationContext, step: string): string | undefined {
  const block = ctx.blocks.block(stepByName(ctx.definition, step)?.value.type);
  return ctx.rng.pick(block?.outputs.map((o) => o.name).filter((n) => n !== '*') ?? []) ?? ctx.rng.pick(usedOutputs(ctx.definition, step));
}

export function cycle(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const holderOf = (index: number) => (definition.steps as JsonObject[])[index].name as string;
  const dataSites = selectorSites(definition).filter((s) => s.section === 'steps' && s.target?.kind !== 'step' && typeof holderOf(s.index) === 'string');
  const roll = rng.next();
  if (roll < 0.3) {
    const site = rng.pick(dataSites);
    if (!site) return undefined;
    const self = holderOf(site.index);
    const output = anOutput(ctx, self);
    if (!output) return undefined;
    setAt(definition, site.path, `$steps.${self}.${output}`);
    return { variant: 'self', label: `${site.path.join('.')}: ${site.value} → its own output $steps.${self}.${output}`, definition };
  }
  if (roll < 0.8) {
    // s reads t (directly or not); make some selector of t read s.
    const stepNames = names(definition, 'steps');
    const candidates = dataSites.flatMap((site) => {
      const holder = holderOf(site.index);
      return stepNames.filter((s) => s !== holder && ancestors(definition, s).has(holder)).map((downstream) => ({ site, downstream }));
    });
    const pick = rng.pick(candidates);
    if (!pick) return undefined;
    const output = anOutput(ctx, pick.downstream);
    if (!output) return undefined;
    setAt(definition, pick.site.path, `$steps.${pick.downstream}.${output}`);
    return { variant: 'through-data', label: `${pick.site.path.join('.')}: ${pick.site.value} → downstream $steps.${pick.downstream}.${output}`, definition };
  }
  // A flow-control step told to continue with a step it depends on.
  const flowSites = selectorSites(definition).filter((s) => s.section === 'steps' && s.target?.kind === 'step');
  const site = rng.pick(flowSites);
  if (!site) return undefined;
  const controller = holderOf(site.index);
  const upstream = rng.pick([...ancestors(definition, controller)]);
  if (!upstream) return undefined;
  setAt(definition, site.path, `$steps.${upstream}`);
  return { variant: 'through-flow-control', label: `${site.path.join('.')}: ${site.value} → upstream $steps.${upstream}`, definition };
}

export function duplicateName(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const section = rng.pick(['inputs', 'steps', 'outputs'] as const)!;
  const list = entries(definition, section);
  const roll = rng.next();
  if (roll < 0.45 && list.length >= 2) {
    const a = rng.pick(list)!;
    const b = rng.pick(list.filter((e) => e !== a))!;
    const before = b.value.name;
    b.value.name = a.value.name;
    return { variant: `${section}/renamed`, label: `${section}[${b.index}] renamed ${JSON.stringify(before)} → ${JSON.stringify(a.value.name)} (as ${section}[${a.index}])`, definition };
  }
  if (roll < 0.8) {
    const a = rng.pick(list);
    if (!a) return undefined;
    (definition[section] as Json[]).push(clone(a.value));
    return { variant: `${section}/copied`, label: `${section}[${a.index}] (${JSON.stringify(a.value.name)}) copied`, definition };
  }
  // The same name in two different sections is allowed: names are unique per section.
  const input = rng.pick(entries(definition, 'inputs'));
  const step = rng.pick(entries(definition, 'steps'));
  if (!input || !step || typeof input.value.name !== 'string') return undefined;
  const old = input.value.name;
  if (names(definition, 'inputs').includes(step.value.name as string)) return undefined;
  input.value.name = step.value.name as Json;
  for (const site of selectorSites(definition)) if (site.value === `$inputs.${old}`) setAt(definition, site.path, `$inputs.${step.value.name}`);
  return { variant: 'cross-section', label: `input \`${old}\` renamed (everywhere) to step name ${JSON.stringify(step.value.name)}`, definition };
}

const VERSIONS: (Json | undefined)[] = ['1.0', '1.1', '1.3.0', '1.4.0', '1.15.0', '1.99', '1.0.0', '2.0.0', '2.0', '0.1', '0.9.0', 'latest', '1.0.0.dev1', '1.0.0rc1', '1.0.0-alpha', '1.0.post1', 'v1.0', '1', '', ' 1.0 ', '1.0.0+local', '1.x', undefined, 1.0, 1, 2, null, true, ['1.0']];

export function documentVersion(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const version = VERSIONS[rng.int(VERSIONS.length)];
  const before = definition.version;
  if (version === undefined) delete definition.version;
  else definition.version = version;
  const shown = version === undefined ? 'missing' : JSON.stringify(version);
  return { variant: shown, label: `version ${JSON.stringify(before)} → ${shown}`, definition };
}

export function blockVersion(ctx: MutationContext): Mutated | undefined {
  const { rng, definition, blocks } = ctx;
  const step = rng.pick(entries(definition, 'steps').filter((e) => typeof e.value.type === 'string'));
  if (!step) return undefined;
  const type = step.value.type as string;
  const block = blocks.block(type);
  const canonical = block?.type ?? type;
  const split = splitVersion(canonical);
  const roll = rng.next();
  let replacement: string | undefined;
  let variant: string;
  if (roll < 0.45 && split) {
    replacement = rng.pick([...(blocks.families.get(split.family) ?? [])].filter((t) => t !== canonical));
    variant = 'other-existing';
  } else if (roll < 0.75 && split) {
    const known = [...(blocks.families.get(split.family) ?? [])].map((t) => splitVersion(t)!.version);
    replacement = `${split.family}@v${rng.pick([0, Math.max(...known) + 1, 99])}`;
    variant = 'nonexistent';
  } else if (roll < 0.9) {
    // Legacy alias ↔ canonical id: the same block under another name.
    replacement = type === canonical ? rng.pick(block?.aliases ?? []) : canonical;
    variant = type === canonical ? 'to-alias' : 'to-canonical';
  } else {
    replacement = split ? rng.pick([split.family, `${split.family}@V${split.version}`, `${split.family}@${split.version}`]) : `${type}@v1`;
    variant = 'malformed-suffix';
  }
  if (!replacement || replacement === type) return undefined;
  step.value.type = replacement;
  return { variant, label: `steps[${step.index}].type ${type} → ${replacement}`, definition };
}
