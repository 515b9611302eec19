import type { BlockSpec, CatalogData, FieldSpec } from './types';

/** Indexed, read-only view over catalog data: lookups by type id or legacy alias. */
export class Catalog {
  private readonly byType = new Map<string, BlockSpec>();
  private readonly fieldIndex = new Map<BlockSpec, Map<string, FieldSpec>>();
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
   * releases). A server's description has no batch-parameter lists, so a replaced block keeps the
   * ones this catalog knows.
   */
  withBlocks(blocks: BlockSpec[]): Catalog {
    const merged = blocks.map((block) => {
      const known = this.byType.get(block.type);
      if (!known?.dimensionality || !block.dimensionality) return block;
      const { outputOffset, inputOffsets, referenceProperty } = block.dimensionality;
      return { ...block, dimensionality: { ...known.dimensionality, outputOffset, inputOffsets, referenceProperty } };
    });
    const replaced = new Set(merged.map((b) => b.type));
    return new Catalog({ ...this.data, blocks: [...this.data.blocks.filter((b) => !replaced.has(b.type)), ...merged] });
  }
}
