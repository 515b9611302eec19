import { hasNestedSchema } from '../../../src/core/schema/stepSchemas';
import { deleteAt, entries, getAt, isObject, jsonType, setAt, type Json, type Path } from './definition';
import type { MutationContext, Mutated } from './types';

/**
 * Mutations inside the properties with the engine's nested schemas (a `continue_if` condition, an
 * operation pipeline, `lmm_config`): a key dropped or added, a union's `type` misspelt, a list
 * emptied, a value of another JSON type (the ones Pydantic converts included).
 */

/** Every place inside a value: objects, lists and what they hold, each with its path. */
function places(value: Json, path: Path): { path: Path; value: Json }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => places(item, [...path, i]))];
  if (isObject(value)) return [...here, ...Object.entries(value).flatMap(([key, item]) => places(item, [...path, key]))];
  return here;
}

const REPLACEMENTS: Json[] = ['text', '3', 'yes', '0.5', 7, 0.5, true, null, [], {}];

export function nestedValue(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const candidates = entries(definition, 'steps').flatMap(({ index, value }) =>
    typeof value.type === 'string' ? Object.keys(value).filter((key) => hasNestedSchema(value.type as string, key) && typeof value[key] === 'object' && value[key] !== null).map((key) => ({ index, key })) : [],
  );
  const pick = rng.pick(candidates);
  if (!pick) return undefined;
  const root: Path = ['steps', pick.index, pick.key];
  const inside = places(getAt(definition, root)!, root).filter((p) => p.path.length > root.length);
  const roll = rng.next();
  const label = (path: Path, what: string) => `${path.join('.')}: ${what}`;
  if (roll < 0.25) {
    const keyed = inside.filter((p) => typeof p.path[p.path.length - 1] === 'string');
    const place = rng.pick(keyed);
    if (!place) return undefined;
    deleteAt(definition, place.path);
    return { variant: 'drop-key', label: label(place.path, 'removed'), definition };
  }
  if (roll < 0.45) {
    const tagged = inside.filter((p) => p.path[p.path.length - 1] === 'type' && typeof p.value === 'string');
    const place = rng.pick(tagged);
    if (!place) return undefined;
    const tag = place.value as string;
    const typo = rng.pick([tag.slice(0, -1), tag.toLowerCase() === tag ? tag.toUpperCase() : tag.toLowerCase(), `${tag}s`])!;
    setAt(definition, place.path, typo);
    return { variant: 'misspelt-type', label: label(place.path, `${JSON.stringify(tag)} → ${JSON.stringify(typo)}`), definition };
  }
  if (roll < 0.55) {
    const lists = inside.filter((p) => Array.isArray(p.value) && p.value.length > 0);
    const place = rng.pick(lists);
    if (!place) return undefined;
    setAt(definition, place.path, []);
    return { variant: 'emptied-list', label: label(place.path, 'emptied'), definition };
  }
  if (roll < 0.65) {
    const objects = inside.filter((p) => isObject(p.value));
    const place = rng.pick(objects);
    if (!place) return undefined;
    setAt(definition, [...place.path, 'note'], 'unknown key');
    return { variant: 'extra-key', label: label(place.path, 'gains `note`'), definition };
  }
  const scalars = inside.filter((p) => !isObject(p.value) && !Array.isArray(p.value) && p.path[p.path.length - 1] !== 'type');
  const place = rng.pick(scalars);
  if (!place) return undefined;
  const next = rng.pick(REPLACEMENTS.filter((r) => jsonType(r) !== jsonType(place.value)))!;
  setAt(definition, place.path, next);
  return { variant: `scalar/${jsonType(place.value)}->${jsonType(next)}`, label: label(place.path, `${JSON.stringify(place.value)} → ${JSON.stringify(next)}`), definition };
}
