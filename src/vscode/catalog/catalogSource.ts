import * as vscode from 'vscode';
import type { Catalog } from '../../core/api';
import type { BlockSpec } from '../../core/catalog/types';
import { loadCore } from '../core';

interface CachedServerCatalog {
  serverUrl: string;
  fetchedAt: string;
  blocks: BlockSpec[];
}

/**
 * The catalog the validator uses: the bundled snapshot, plus the blocks last fetched from the
 * user's inference server (custom blocks, newer releases), cached in the extension's global
 * storage (block descriptions only: nothing secret).
 */
export class CatalogSource implements vscode.Disposable {
  private catalog: Catalog | undefined;
  private cached: CachedServerCatalog | undefined | null = null; // null: not read yet
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly storage: vscode.Uri) {}

  private get file(): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'server-catalog.json');
  }

  /** Reads a cached server catalog, if any; fires `onDidChange` when one was found. */
  async load(): Promise<void> {
    if (this.cached !== null) return;
    let cached: CachedServerCatalog | undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(this.file);
      const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<CachedServerCatalog>;
      const { serverUrl, fetchedAt, blocks } = parsed;
      if (typeof serverUrl === 'string' && typeof fetchedAt === 'string' && Array.isArray(blocks)) cached = { serverUrl, fetchedAt, blocks };
    } catch {
      cached = undefined; // no cache yet, or unreadable: the bundled catalog serves
    }
    if (this.cached !== null) return; // a refresh stored newer blocks while the file was being read
    this.cached = cached;
    if (this.cached) {
      this.catalog = undefined;
      this.changed.fire();
    }
  }

  current(): Catalog {
    if (!this.catalog) {
      const core = loadCore();
      const bundled = core.bundledCatalog();
      // Cached blocks the validator could trip on (a damaged file, another version's format) are dropped.
      const blocks = this.cached ? core.usableBlocks(this.cached.blocks) : [];
      this.catalog = blocks.length ? bundled.withBlocks(blocks, `blocks from ${this.cached!.serverUrl}`) : bundled;
    }
    return this.catalog;
  }

  describe(): string {
    return this.cached ? `bundled ${loadCore().bundledCatalog().data.source} + ${this.cached.blocks.length} blocks from ${this.cached.serverUrl} (${this.cached.fetchedAt})` : `bundled ${loadCore().bundledCatalog().data.source}`;
  }

  async store(serverUrl: string, blocks: BlockSpec[]): Promise<void> {
    this.cached = { serverUrl, fetchedAt: new Date().toISOString(), blocks };
    await vscode.workspace.fs.createDirectory(this.storage);
    await vscode.workspace.fs.writeFile(this.file, Buffer.from(JSON.stringify(this.cached)));
    this.catalog = undefined;
    this.changed.fire();
  }

  async reset(): Promise<void> {
    this.cached = undefined;
    this.catalog = undefined;
    await vscode.workspace.fs.delete(this.file).then(undefined, () => undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
