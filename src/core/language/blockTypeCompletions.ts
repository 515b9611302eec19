import type { Catalog } from '../catalog/catalog';
import type { BlockSpec } from '../catalog/types';
import { parseVersionedType } from '../catalog/versions';
import type { OffsetRange } from '../findings';
import { blockSummary } from './hover';
import { rank, type LanguageCompletion } from './completionItem';

interface TypeEntry {
  id: string;
  block: BlockSpec;
  /** 0: the newest version of its family; 1: an older version; 2: a legacy name without `@v`. */
  tier: number;
  family: string;
  version: number;
}

// One ordering per catalog: families by human name, newest version first, legacy names last.
const orderings = new WeakMap<Catalog, TypeEntry[]>();

function ordered(catalog: Catalog): TypeEntry[] {
  let entries = orderings.get(catalog);
  if (entries) return entries;
  const newest = new Map<string, number>();
  for (const block of catalog.data.blocks) {
    const parsed = parseVersionedType(block.type);
    if (parsed) newest.set(parsed.family, Math.max(newest.get(parsed.family) ?? 0, parsed.version));
  }
  entries = catalog.typeIds.map((id) => {
    const block = catalog.block(id)!;
    const parsed = parseVersionedType(block.type);
    const family = parsed?.family ?? block.type;
    const version = parsed?.version ?? 0;
    const tier = id !== block.type ? 2 : version < (newest.get(family) ?? 0) ? 1 : 0;
    return { id, block, tier, family, version };
  });
  entries.sort((a, b) => Number(a.tier === 2) - Number(b.tier === 2) || a.block.humanName.localeCompare(b.block.humanName) || a.family.localeCompare(b.family) || b.version - a.version || a.id.localeCompare(b.id));
  orderings.set(catalog, entries);
  return entries;
}

function detailOf(entry: TypeEntry): string {
  if (entry.tier === 2) return `${entry.block.humanName} (legacy name of ${entry.block.type})`;
  if (entry.tier === 1) return `${entry.block.humanName} (older version)`;
  return entry.block.humanName;
}

/** Lower case without separators, so `object_detection` finds `ObjectDetectionModel` too. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_\-/]/g, '');
}

/**
 * Block types for a step's `type`: every type id the catalog knows whose id or human name holds
 * each word typed so far (ignoring case and `_`, `-`, `/`). `quoted`: the cursor is not inside a string yet, so items bring quotes.
 */
export function blockTypeCompletions(catalog: Catalog, typed: string, range: OffsetRange, quoted: boolean): LanguageCompletion[] {
  // An empty word (from a doubled space) is in every haystack.
  const words = typed.split(/\s/).map(squash);
  const items: LanguageCompletion[] = [];
  ordered(catalog).forEach((entry, index) => {
    const haystack = squash(`${entry.id} ${entry.block.humanName}`);
    if (!words.every((w) => haystack.includes(w))) return;
    items.push({
      label: entry.id,
      kind: 'block',
      detail: detailOf(entry),
      documentation: blockSummary(entry.block),
      sortText: rank(index),
      insertText: quoted ? JSON.stringify(entry.id) : entry.id,
      snippet: false,
      filterText: quoted ? JSON.stringify(`${entry.id} ${entry.block.humanName}`) : `${entry.id} ${entry.block.humanName}`,
      range,
      deprecated: entry.tier === 2 || undefined,
    });
  });
  return items;
}
