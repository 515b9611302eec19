import * as vscode from 'vscode';
import type { Catalog, LintResult } from '../core/api';
import type { CatalogSource } from './catalog/catalogSource';
import { loadCore } from './core';

import { isWorkflowDocument } from './workflowDocuments';

type LintSession = InstanceType<typeof import('../core/api').LintSession>;

export interface WorkflowAnalysis {
  document: vscode.TextDocument;
  version: number;
  result: LintResult;
}

/** One analysis per document version, shared by diagnostics, code actions, lenses and previews. */
export class WorkflowService implements vscode.Disposable {
  private readonly cache = new Map<string, WorkflowAnalysis>();
  /** One incremental lint per open document: an edit inside one step re-checks that step. */
  private readonly sessions = new Map<string, LintSession>();
  private readonly changed = new vscode.EventEmitter<WorkflowAnalysis>();
  /** Fires after a workflow document was (re-)analysed. */
  readonly onDidAnalyze = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  private readonly catalogChanged = new vscode.EventEmitter<void>();
  /** Fires when the block catalog changed: every open workflow needs a new analysis. */
  readonly onDidChangeCatalog = this.catalogChanged.event;

  private readonly storedSecretsChanged = new vscode.EventEmitter<void>();
  /** Fires when the values held in SecretStorage changed: every open workflow needs a new analysis. */
  readonly onDidChangeStoredSecrets = this.storedSecretsChanged.event;
  private stored: readonly string[] = [];
  private storedLoad: Promise<unknown> = Promise.resolve();

  constructor(private readonly catalogs: CatalogSource) {
    this.subscriptions.push(
      this.catalogChanged,
      this.storedSecretsChanged,
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      catalogs.onDidChange(() => {
        this.cache.clear();
        this.sessions.clear();
        this.catalogChanged.fire();
      }),
    );
  }

  /** The block catalog analyses use: bundled, plus blocks refreshed from the user's server. */
  catalog(): Catalog {
    return this.catalogs.current();
  }

  /**
   * The values held in SecretStorage, so analyses find them written in a workflow (they stay in
   * memory only). `load` reads them; the latest call wins.
   */
  loadStoredSecrets(load: () => Promise<string[]>): Promise<void> {
    const done = this.storedLoad.catch(() => undefined).then(load).then((values) => {
      if (done !== this.storedLoad) return;
      if (values.length === this.stored.length && values.every((v, i) => v === this.stored[i])) return;
      this.stored = Object.freeze([...values]);
      this.cache.clear();
      this.sessions.clear();
      this.storedSecretsChanged.fire();
    });
    this.storedLoad = done;
    return done;
  }

  /** The stored values as of the latest completed load (await `loadStoredSecrets` for fresh ones). */
  storedSecrets(): readonly string[] {
    return this.stored;
  }

  /** The stored values once any load under way has finished. */
  async settledStoredSecrets(): Promise<readonly string[]> {
    await this.storedLoad.catch(() => undefined);
    return this.stored;
  }

  isWorkflow(document: vscode.TextDocument): boolean {
    return isWorkflowDocument(document);
  }

  /** The analysis of the document as it is now (cached per version). */
  analyze(document: vscode.TextDocument): WorkflowAnalysis {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached;
    let session = this.sessions.get(key);
    if (!session) this.sessions.set(key, (session = new (loadCore().LintSession)()));
    const result = session.lint(document.getText(), this.catalogs.current(), { storedSecrets: this.stored });
    const analysis: WorkflowAnalysis = { document, version: document.version, result };
    this.cache.set(key, analysis);
    this.changed.fire(analysis);
    return analysis;
  }

  /** The last analysis, even if the document changed since (for code actions on stale ranges). */
  lastAnalysis(document: vscode.TextDocument): WorkflowAnalysis | undefined {
    return this.cache.get(document.uri.toString());
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
    this.sessions.delete(document.uri.toString());
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
