/**
 * Plain-JSON access to a workflow definition for the mutation generator. Deliberately independent
 * of src/: the generator must not share the linter's reading of a definition, or it would share its
 * blind spots.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}
export type Path = (string | number)[];

export const SECTIONS = ['inputs', 'steps', 'outputs'] as const;
export type Section = (typeof SECTIONS)[number];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

/** Entries of a section that are objects, with their index in the list. */
export function entries(definition: JsonObject, section: Section): { index: number; value: JsonObject }[] {
  const list = definition[section];
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, index) => (isObject(value) ? [{ index, value }] : []));
}

export function names(definition: JsonObject, section: Section): string[] {
  return entries(definition, section)
    .map((e) => e.value.name)
    .filter((n): n is string => typeof n === 'string');
}

export function stepByName(definition: JsonObject, name: string): { index: number; value: JsonObject } | undefined {
  return entries(definition, 'steps').find((e) => e.value.name === name);
}

export function getAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === 'number') node = node[part];
    else if (isObject(node) && typeof part === 'string') node = node[part];
    else return undefined;
  }
  return node;
}

export function setAt(root: Json, path: Path, value: Json): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (isObject(parent) && typeof last === 'string') parent[last] = value;
  else throw new Error(`cannot set ${path.join('.')}`);
}

export function deleteAt(root: Json, path: Path): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (isObject(parent) && typeof last === 'string') delete parent[last];
}

/** A selector as written: what it names, parsed loosely (the generator also writes broken ones). */
export type SelectorTarget = { kind: 'input'; input: string } | { kind: 'step_output'; step: string; output: string } | { kind: 'step'; step: string };

export function parseSelector(text: string): SelectorTarget | undefined {
  let m = /^\$inputs\.([A-Za-z_0-9-]+)$/.exec(text);
  if (m) return { kind: 'input', input: m[1] };
  m = /^\$steps\.([A-Za-z_0-9-]+)\.([A-Za-z_*0-9-]+)$/.exec(text);
  if (m) return { kind: 'step_output', step: m[1], output: m[2] };
  m = /^\$steps\.([A-Za-z_0-9-]+)$/.exec(text);
  if (m) return { kind: 'step', step: m[1] };
  return undefined;
}

/** Where a selector is written: in a step property (directly, or one level inside a list or dict) or an output. */
export interface SelectorSite {
  section: 'steps' | 'outputs';
  /** Index of the step or output. */
  index: number;
  /** The step property holding it ('selector' for outputs). */
  property: string;
  path: Path;
  value: string;
  target?: SelectorTarget;
}

/** Every selector the engine would see: step properties one level deep, and output selectors. */
export function selectorSites(definition: JsonObject): SelectorSite[] {
  const sites: SelectorSite[] = [];
  const add = (section: SelectorSite['section'], index: number, property: string, path: Path, value: Json) => {
    if (typeof value === 'string' && value.startsWith('$')) sites.push({ section, index, property, path, value, target: parseSelector(value) });
  };
  for (const { index, value: step } of entries(definition, 'steps')) {
    for (const [property, value] of Object.entries(step)) {
      if (property === 'type' || property === 'name') continue;
      const at: Path = ['steps', index, property];
      if (Array.isArray(value)) value.forEach((item, i) => add('steps', index, property, [...at, i], item));
      else if (isObject(value)) for (const [key, item] of Object.entries(value)) add('steps', index, property, [...at, key], item);
      else add('steps', index, property, at, value);
    }
  }
  for (const { index, value: output } of entries(definition, 'outputs')) add('outputs', index, 'selector', ['outputs', index, 'selector'], output.selector);
  return sites;
}

/** Steps each step reads from (data and flow-control edges point the way execution runs). */
export function dependencies(definition: JsonObject): Map<string, Set<string>> {
  const before = new Map<string, Set<string>>();
  const stepNames = names(definition, 'steps');
  for (const name of stepNames) before.set(name, new Set());
  for (const site of selectorSites(definition)) {
    if (site.section !== 'steps' || !site.target || site.target.kind === 'input') continue;
    const holder = (definition.steps as JsonObject[])[site.index].name;
    if (typeof holder !== 'string') continue;
    // `$steps.x.out` in step s: x runs before s. `$steps.t` in s (flow control): s runs before t.
    if (site.target.kind === 'step_output') before.get(holder)?.add(site.target.step);
    else before.get(site.target.step)?.add(holder);
  }
  return before;
}

/** Every step that `name` (transitively) runs after. */
export function ancestors(definition: JsonObject, name: string, graph = dependencies(definition)): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(name) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

/** Output names of a step as the definition itself uses them (`$steps.<name>.<output>`). */
export function usedOutputs(definition: JsonObject, step: string): string[] {
  const outputs = new Set<string>();
  for (const site of selectorSites(definition)) if (site.target?.kind === 'step_output' && site.target.step === step && site.target.output !== '*') outputs.add(site.target.output);
  return [...outputs];
}

/** Replaces every selector naming step `from` (in steps and outputs, any depth) with one naming `to`. */
export function renameStepReferences(value: Json, from: string, to: string): Json {
  if (typeof value === 'string') {
    if (value === `$steps.${from}`) return `$steps.${to}`;
    if (value.startsWith(`$steps.${from}.`)) return `$steps.${to}${value.slice(`$steps.${from}`.length)}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => renameStepReferences(v, from, to));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameStepReferences(v, from, to)]));
  return value;
}

/** A name not yet used in a section, close to an existing one (how typos and copies look). */
export function freshName(taken: readonly string[], base: string): string {
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** JSON type names as Python's JSON parser would produce them. */
export function jsonType(value: Json | undefined): 'missing' | 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object' {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'boolean' | 'string' | 'object';
}
