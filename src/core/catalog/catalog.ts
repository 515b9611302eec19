import type { BlockSpec, CatalogData, FieldSpec } from './types';
import { parseVersionedType } from './versions';

/** Indexed, read-only view over catalog data: lookups by type id or legacy alias. */
export class Catalog {
  private readonly byType = new Map<string, BlockSpec>();
  private readonly fieldIndex = new Map<BlockSpec, Map<string, FieldSpec>>();
  private newestByFamily: Map<string, { version: number; typeId: string }> | undefined;
  readonly typeIds: readonly string[];

  constructor(readonly data: CatalogData) {
    const ids: string[] = [];
    for (const block of data.blocks) {
      for (const id of [block.type, ...block.aliases]) {
        if (!this.byType.has(id)) {
          this.byType.set(id, block);
          ids.push(id);
        }
      }
      const fields = new Map<string, FieldSpec>();
      for (const field of block.fields) {
        fields.set(field.name, field);
        for (const alias of field.aliases ?? []) if (!fields.has(alias)) fields.set(alias, field);
      }
      this.fieldIndex.set(block, fields);
    }
    this.typeIds = ids;
  }

  get engineVersion(): string {
    return this.data.engineVersion;
  }

  block(typeId: string): BlockSpec | undefined {
    return this.byType.get(typeId);
  }

  /**
   * When `typeId` is `X@vN` and the catalog knows family `X` (through a type or an alias) only at
   * versions below N: the newest of them, e.g. `roboflow_core/open_ai@v4` for `…/open_ai@v6`.
   * Undefined for a known type, an unknown family, or a version at or below the newest known one
   * (`@v0`, a gap): those are mistakes, not a newer release.
   */
  newestOlderVersion(typeId: string): string | undefined {
    const wanted = parseVersionedType(typeId);
    if (!wanted || this.byType.has(typeId)) return undefined;
    const newest = this.familyIndex().get(wanted.family);
    return newest && newest.version < wanted.version ? newest.typeId : undefined;
  }

  private familyIndex(): Map<string, { version: number; typeId: string }> {
    if (!this.newestByFamily) {
      this.newestByFamily = new Map();
      for (const typeId of this.typeIds) {
        const parsed = parseVersionedType(typeId);
        const known = parsed && this.newestByFamily.get(parsed.family);
        if (parsed && (!known || known.version < parsed.version)) this.newestByFamily.set(parsed.family, { version: parsed.version, typeId });
      }
    }
    return this.newestByFamily;
  }

  /** The field a step property name refers to, following field aliases. */
  field(block: BlockSpec, propertyName: string): FieldSpec | undefined {
    return this.fieldIndex.get(block)?.get(propertyName);
  }

  /** Every property name a step of this block may carry (fields and their aliases). */
  propertyNames(block: BlockSpec): string[] {
    return [...(this.fieldIndex.get(block)?.keys() ?? [])];
  }

  /**
   * A new catalog with extra or replacement blocks (a server's description: custom blocks, newer
   * releases). Blocks the server does not describe stay (an older server must not make bundled
   * blocks unknown). A server's description has no batch-parameter lists, so a replaced block keeps
   * the ones this catalog knows. `origin` is added to `data.source`, which messages name.
   */
  withBlocks(blocks: BlockSpec[], origin?: string): Catalog {
    const merged = blocks.map((block) => {
      const known = this.byType.get(block.type);
      if (!known) return block;
      // Model-id fields that the bundled catalog learnt beyond the `roboflow_model_id` kind (a
      // foundation block's `version`) stay model-id fields while the server's block still has them.
      const fieldNames = new Set(block.fields.map((f) => f.name));
      const modelIdFields = [...new Set([...block.modelIdFields, ...known.modelIdFields.filter((n) => fieldNames.has(n))])];
      // Describe cannot say that a block computes its outputs per step; the bundled catalog can.
      const dynamicOutputs = known.dynamicOutputs || block.outputs.some((o) => o.name === '*');
      if (!known.dimensionality || !block.dimensionality) return { ...block, modelIdFields, dynamicOutputs };
      const { outputOffset, inputOffsets, referenceProperty } = block.dimensionality;
      return { ...block, modelIdFields, dynamicOutputs, dimensionality: { ...known.dimensionality, outputOffset, inputOffsets, referenceProperty } };
    });
    const replaced = new Set(merged.map((b) => b.type));
    return new Catalog({
      ...this.data,
      source: origin ? `${this.data.source} + ${origin}` : this.data.source,
      blocks: [...this.data.blocks.filter((b) => !replaced.has(b.type)), ...merged],
    });
  }
}
