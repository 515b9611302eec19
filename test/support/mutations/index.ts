import { Prng } from '../prng';
import { flowControl, lineage } from './batches';
import { BlockIndex, type BlockFacts } from './blocks';
import { clone, type Json } from './definition';
import { dynamicBlock } from './dynamicBlocks';
import { missingRequiredField, unknownProperty, wrongType } from './fields';
import { inputDeclaration } from './inputs';
import { nestedValue } from './nestedValues';
import { danglingSelector, outputSelector, renamedStep, wrongKind } from './references';
import { blockVersion, cycle, documentVersion, duplicateName } from './structure';
import type { BaseDefinition, Mutator } from './types';

export type { BaseDefinition } from './types';
export type { BlockFacts } from './blocks';

/** Every kind of mutation, by the name reports group them under. */
export const MUTATORS = {
  'missing-required-field': missingRequiredField,
  'wrong-type': wrongType,
  'unknown-property': unknownProperty,
  'renamed-step': renamedStep,
  'dangling-selector': danglingSelector,
  'wrong-kind': wrongKind,
  'block-version': blockVersion,
  cycle,
  'duplicate-name': duplicateName,
  lineage,
  'flow-control': flowControl,
  'output-selector': outputSelector,
  version: documentVersion,
  input: inputDeclaration,
  'dynamic-block': dynamicBlock,
  'nested-value': nestedValue,
} satisfies Record<string, Mutator>;

export type MutationKind = keyof typeof MUTATORS;
export const MUTATION_KINDS = Object.keys(MUTATORS) as MutationKind[];

export interface Mutation {
  /** `<seed>:<index>`: the same seed and index always give the same mutation. */
  id: string;
  kind: MutationKind;
  variant: string;
  base: string;
  label: string;
  definition: Json;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  kinds?: readonly MutationKind[];
}

/** Bases tried for one mutation before it is given up (a kind may not apply to every definition). */
const ATTEMPTS = 12;

/**
 * Seeded, reproducible mutations of the base definitions, the kinds taking turns. Mutation `i`
 * depends only on the seed, `i`, the bases and the blocks; exact duplicates are skipped.
 */
export function* generateMutations(bases: readonly BaseDefinition[], blockFacts: readonly BlockFacts[], options: GenerateOptions): Generator<Mutation> {
  const kinds = options.kinds?.length ? options.kinds : MUTATION_KINDS;
  const blocks = new BlockIndex(blockFacts, bases.map((b) => b.definition));
  const seen = new Set<string>();
  let produced = 0;
  for (let index = 0; produced < options.count && index < options.count * 20; index++) {
    const kind = kinds[index % kinds.length];
    const rng = Prng.forItem(options.seed, index);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const base = rng.pick(bases)!;
      const result = MUTATORS[kind]({ rng, base, definition: clone(base.definition), blocks });
      if (!result) continue;
      const key = JSON.stringify(result.definition);
      if (seen.has(key)) break;
      seen.add(key);
      produced++;
      yield { id: `${options.seed}:${index}`, kind, variant: result.variant, base: base.name, label: result.label, definition: result.definition };
      break;
    }
  }
}
