import type { Redactor } from '../../core/api';
import type { BlockSpec } from '../../core/catalog/types';
import { loadCore } from '../core';

export type FetchedBlocks =
  | { ok: true; blocks: BlockSpec[]; /** Blocks the bundled catalog does not have. */ added: number }
  | { ok: false; /** Already redacted. */ message: string };

/**
 * Asks the server to describe its blocks and converts the answer to catalog blocks. Shared by the
 * "Refresh Block Catalog from Server" command and the background refresh; storing is the caller's.
 */
export async function fetchServerBlocks(serverUrl: string, apiKey: string | undefined, redactor: Redactor, signal?: AbortSignal): Promise<FetchedBlocks> {
  const core = loadCore();
  const result = await core.describeBlocks({ serverUrl, apiKey, redactor, signal });
  if (!result.ok) return { ok: false, message: redactor.redact(result.message) };
  let blocks: BlockSpec[];
  try {
    blocks = core.blocksFromDescribe(result.description);
  } catch (error) {
    return { ok: false, message: redactor.redact(`The server at ${serverUrl} answered with something that is not a block description: ${(error as Error).message}`) };
  }
  const known = new Set(core.bundledCatalog().typeIds);
  return { ok: true, blocks, added: blocks.filter((b) => !known.has(b.type)).length };
}
