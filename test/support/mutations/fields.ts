import { entries, jsonType, type Json, type JsonObject, type Path } from './definition';
import type { MutationContext, Mutated } from './types';

/** Mutations of single properties: a required one removed, one of the wrong JSON type, unknown ones added. */

const SECTIONS = ['version', 'inputs', 'steps', 'outputs'] as const;

export function missingRequiredField(ctx: MutationContext): Mutated | undefined {
  const { rng, definition, blocks } = ctx;
  const steps = entries(definition, 'steps');
  const roll = rng.next();
  if (roll < 0.55) {
    const candidates = steps.flatMap(({ index, value }) => {
      const block = blocks.block(value.type);
      if (!block) return [];
      return block.fields.filter((f) => f.required && [f.name, ...(f.aliases ?? [])].some((n) => n in value)).map((f) => ({ index, value, field: f }));
    });
    const pick = rng.pick(candidates);
    if (!pick) return undefined;
    for (const spelling of [pick.field.name, ...(pick.field.aliases ?? [])]) delete pick.value[spelling];
    return { variant: 'step-required-field', label: `steps[${pick.index}] (${pick.value.type}) without required \`${pick.field.name}\``, definition };
  }
  if (roll < 0.75) {
    const step = rng.pick(steps);
    if (!step) return undefined;
    const property = rng.pick(['type', 'name'])!;
    delete step.value[property];
    return { variant: `step-${property}`, label: `steps[${step.index}] without \`${property}\``, definition };
  }
  if (roll < 0.92) {
    const section = rng.pick(['inputs', 'outputs'] as const)!;
    const entry = rng.pick(entries(definition, section));
    if (!entry) return undefined;
    const property = rng.pick(section === 'inputs' ? ['type', 'name'] : ['type', 'name', 'selector'])!;
    if (!(property in entry.value)) return undefined;
    delete entry.value[property];
    return { variant: `${section.slice(0, -1)}-${property}`, label: `${section}[${entry.index}] without \`${property}\``, definition };
  }
  const section = rng.pick(SECTIONS)!;
  delete definition[section];
  return { variant: `section-${section}`, label: `no \`${section}\``, definition };
}

/** Values of every JSON type, including the ones Pydantic's lax mode converts (numeric strings, 1.0). */
const REPLACEMENTS: Json[] = ['text', '0.5', '3', 'true', 7, 0.5, 3.0, 1, 0, true, false, null, [], ['a'], {}, { a: 1 }];

function replacementFor(ctx: MutationContext, current: Json | undefined): Json {
  const from = jsonType(current);
  const options = REPLACEMENTS.filter((r) => jsonType(r) !== from || (from === 'string' && r !== current && ctx.rng.chance(0.2)));
  return ctx.rng.pick(options)!;
}

interface Target {
  where: string;
  path: Path;
  owner: JsonObject;
  key: string;
}

function targets(ctx: MutationContext): Target[] {
  const { definition, rng } = ctx;
  const out: Target[] = [];
  const roll = rng.next();
  if (roll < 0.6) {
    for (const { index, value } of entries(definition, 'steps')) {
      for (const key of Object.keys(value)) if (key !== 'type' && key !== 'name') out.push({ where: 'step-field', path: ['steps', index, key], owner: value, key });
    }
  } else if (roll < 0.7) {
    for (const { index, value } of entries(definition, 'steps')) for (const key of ['type', 'name']) out.push({ where: `step-${key}`, path: ['steps', index, key], owner: value, key });
  } else if (roll < 0.82) {
    for (const { index, value } of entries(definition, 'inputs')) {
      for (const key of ['type', 'name', 'kind', 'dimensionality', 'default_value']) if (key in value || key !== 'type') out.push({ where: `input-${key}`, path: ['inputs', index, key], owner: value, key });
    }
  } else if (roll < 0.92) {
    for (const { index, value } of entries(definition, 'outputs')) {
      for (const key of ['type', 'name', 'selector', 'coordinates_system']) out.push({ where: `output-${key}`, path: ['outputs', index, key], owner: value, key });
    }
  } else {
    for (const key of SECTIONS) out.push({ where: `section-${key}`, path: [key], owner: definition, key });
  }
  return out;
}

export function wrongType(ctx: MutationContext): Mutated | undefined {
  const target = ctx.rng.pick(targets(ctx));
  if (!target) return undefined;
  const current = target.owner[target.key];
  const next = replacementFor(ctx, current);
  target.owner[target.key] = next;
  return {
    variant: `${target.where}/${jsonType(current)}->${jsonType(next)}`,
    label: `${target.path.join('.')}: ${JSON.stringify(current) ?? 'missing'} → ${JSON.stringify(next)}`,
    definition: ctx.definition,
  };
}

/** Spellings people get wrong: a near miss of an existing field, or a property no block has. */
function unknownKey(ctx: MutationContext, existing: string[]): string {
  const near = ctx.rng.pick(existing);
  if (near && ctx.rng.chance(0.6)) {
    const i = ctx.rng.int(near.length);
    return ctx.rng.chance(0.5) ? near.slice(0, i) + near.slice(i + 1) || `${near}_` : `${near.slice(0, i)}${near[i]}${near.slice(i)}`;
  }
  return ctx.rng.pick(['description', 'comment', 'metadata', 'enabled', 'extra_setting', 'Name', 'TYPE'])!;
}

export function unknownProperty(ctx: MutationContext): Mutated | undefined {
  const { rng, definition, blocks } = ctx;
  const roll = rng.next();
  if (roll < 0.45) {
    const step = rng.pick(entries(definition, 'steps'));
    if (!step) return undefined;
    const key = unknownKey(ctx, Object.keys(step.value).filter((k) => k !== 'type' && k !== 'name'));
    if (key in step.value) return undefined;
    step.value[key] = rng.pick<Json>([0.5, 'value', true, ['x'], { a: 1 }, '$inputs.image'])!;
    return { variant: 'step-add-unknown', label: `steps[${step.index}] gains \`${key}\``, definition };
  }
  if (roll < 0.65) {
    const candidates = entries(definition, 'steps').flatMap(({ index, value }) => {
      const block = blocks.block(value.type);
      return block ? block.fields.filter((f) => !f.required && f.name in value).map((f) => ({ index, value, name: f.name })) : [];
    });
    const pick = rng.pick(candidates);
    if (!pick) return undefined;
    delete pick.value[pick.name];
    return { variant: 'step-remove-optional', label: `steps[${pick.index}] without optional \`${pick.name}\``, definition };
  }
  if (roll < 0.75) {
    const candidates = entries(definition, 'steps').flatMap(({ index, value }) => {
      const block = blocks.block(value.type);
      return block ? block.fields.filter((f) => !f.required && !(f.name in value) && f.default !== undefined).map((f) => ({ index, value, field: f })) : [];
    });
    const pick = rng.pick(candidates);
    if (!pick) return undefined;
    pick.value[pick.field.name] = pick.field.default as Json;
    return { variant: 'step-add-default', label: `steps[${pick.index}] states default \`${pick.field.name}\` = ${JSON.stringify(pick.field.default)}`, definition };
  }
  if (roll < 0.9) {
    const section = rng.pick(['inputs', 'outputs'] as const)!;
    const entry = rng.pick(entries(definition, section));
    if (!entry) return undefined;
    const key = unknownKey(ctx, Object.keys(entry.value));
    if (key in entry.value) return undefined;
    entry.value[key] = 'x';
    return { variant: `${section.slice(0, -1)}-add-unknown`, label: `${section}[${entry.index}] gains \`${key}\``, definition };
  }
  const key = rng.pick(['metadata', 'description', 'id', 'name', 'Steps'])!;
  if (key in definition) return undefined;
  definition[key] = key === 'metadata' ? { author: 'someone' } : 'x';
  return { variant: 'top-level-add', label: `top level gains \`${key}\``, definition };
}
