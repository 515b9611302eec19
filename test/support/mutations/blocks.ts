import type { Json, JsonObject } from './definition';
import { entries } from './definition';

/**
 * What the generator needs to know about blocks, structurally: the bundled catalog's data fits it,
 * and so would a catalog built from the engine's own description. Passed in at run time, so a
 * regenerated catalog brings its new blocks and versions without touching the generator.
 */
export interface FieldFacts {
  name: string;
  aliases?: string[];
  required: boolean;
  selectorKinds: string[];
  selectorTargets: string[];
  containers: string[];
  literalTypes: string[];
  enumValues?: (string | number | boolean | null)[];
  default?: unknown;
}

export interface BlockFacts {
  type: string;
  aliases: string[];
  blockType?: string;
  fields: FieldFacts[];
  outputs: { name: string; kinds: string[] }[];
  dimensionality?: { outputOffset: number };
}

const VERSIONED = /^(.*)@v(\d+)$/;

/** `roboflow_core/x@v2` → family `roboflow_core/x`, version 2; legacy aliases have no version. */
export function splitVersion(type: string): { family: string; version: number } | undefined {
  const m = VERSIONED.exec(type);
  return m ? { family: m[1], version: Number(m[2]) } : undefined;
}

export class BlockIndex {
  private readonly byType = new Map<string, BlockFacts>();
  /** Family → every versioned type seen (catalog and definitions). */
  readonly families = new Map<string, Set<string>>();

  constructor(blocks: readonly BlockFacts[], definitions: readonly JsonObject[] = []) {
    for (const block of blocks) {
      for (const id of [block.type, ...block.aliases]) if (!this.byType.has(id)) this.byType.set(id, block);
      this.addType(block.type);
    }
    // Types the definitions use count too: a block the catalog does not know yet still has versions.
    for (const definition of definitions) for (const { value } of entries(definition, 'steps')) if (typeof value.type === 'string') this.addType(value.type);
  }

  private addType(type: string): void {
    const split = splitVersion(type);
    if (!split) return;
    const family = this.families.get(split.family) ?? new Set<string>();
    family.add(type);
    this.families.set(split.family, family);
  }

  block(type: Json | undefined): BlockFacts | undefined {
    return typeof type === 'string' ? this.byType.get(type) : undefined;
  }

  field(block: BlockFacts, property: string): FieldFacts | undefined {
    return block.fields.find((f) => f.name === property || (f.aliases ?? []).includes(property));
  }

  /** All blocks, once each. */
  all(): BlockFacts[] {
    return [...new Set(this.byType.values())];
  }
}
