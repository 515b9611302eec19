import type { Prng } from '../prng';
import type { BlockIndex } from './blocks';
import type { Json, JsonObject } from './definition';

/** A definition mutations start from: a real one (corpus, examples). */
export interface BaseDefinition {
  name: string;
  definition: JsonObject;
}

export interface MutationContext {
  rng: Prng;
  base: BaseDefinition;
  /** A private copy of the base definition: mutators change it in place and return it. */
  definition: JsonObject;
  blocks: BlockIndex;
}

/** What one mutator made: `variant` groups similar mutations in reports, `label` says exactly what changed. */
export interface Mutated {
  variant: string;
  label: string;
  definition: Json;
}

/** Returns undefined when the base has nothing this mutation can change. */
export type Mutator = (ctx: MutationContext) => Mutated | undefined;
