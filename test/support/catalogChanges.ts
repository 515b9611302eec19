import { Catalog } from '../../src/core/catalog/catalog';
import type { BlockSpec, FieldSpec } from '../../src/core/catalog/types';
import { freshCatalog } from './freshCatalog';

/**
 * The bundled catalog with some blocks changed, as a live server or a custom block could describe them.
 * A changed block gets copies of its fields: checks cache what they derive from a field per field object,
 * so a changed block must not share field objects with the bundled one.
 */
export function catalogWithBlocks(changes: Record<string, (block: BlockSpec) => BlockSpec>): Catalog {
  const data = freshCatalog().data;
  return new Catalog({
    ...data,
    blocks: data.blocks.map((b) => {
      if (!changes[b.type]) return b;
      const changed = changes[b.type](b);
      return { ...changed, fields: changed.fields.map((f) => ({ ...f })) };
    }),
  });
}

/** The bundled catalog with one block changed. */
export const catalogWithBlock = (type: string, change: (block: BlockSpec) => BlockSpec): Catalog => catalogWithBlocks({ [type]: change });

/** The bundled catalog with some fields of one block changed, each merged with its bundled description. */
export const catalogWithFields = (type: string, changes: Record<string, Partial<FieldSpec>>): Catalog =>
  catalogWithBlock(type, (b) => ({ ...b, fields: b.fields.map((f) => ({ ...f, ...changes[f.name] })) }));
