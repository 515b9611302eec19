import * as vscode from 'vscode';
import type { Catalog, LintResult } from '../core/api';
import type { CatalogSource } from './catalog/catalogSource';
import { loadCore } from './core';

const lintWorkflow: typeof import('../core/api').lintWorkflow = (text, catalog) => loadCore().lintWorkflow(text, catalog);
import { isWorkflowDocument } from './workflowDocuments';

export interface WorkflowAnalysis {
  document: vscode.TextDocument;
  version: number;
  result: LintResult;
}

/** One analysis per document version, shared by diagnostics, code actions, lenses and previews. */
export class WorkflowService implements vscode.Disposable {
  private readonly cache = new Map<string, WorkflowAnalysis>();
  private readonly changed = new vscode.EventEmitter<WorkflowAnalysis>();
  /** Fires after a workflow document was (re-)analysed. */
  readonly onDidAnalyze = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  private readonly catalogChanged = new vscode.EventEmitter<void>();
  /** Fires when the block catalog changed: every open workflow needs a new analysis. */
  readonly onDidChangeCatalog = this.catalogChanged.event;

  constructor(private readonly catalogs: CatalogSource) {
    this.subscriptions.push(
      this.catalogChanged,
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
      catalogs.onDidChange(() => {
        this.cache.clear();
        this.catalogChanged.fire();
      }),
    );
  }

  /** The block catalog analyses use: bundled, plus blocks refreshed from the user's server. */
  catalog(): Catalog {
    return this.catalogs.current();
  }

  isWorkflow(document: vscode.TextDocument): boolean {
    return isWorkflowDocument(document);
  }

  /** The analysis of the document as it is now (cached per version). */
  analyze(document: vscode.TextDocument): WorkflowAnalysis {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached;
    const analysis: WorkflowAnalysis = { document, version: document.version, result: lintWorkflow(document.getText(), this.catalogs.current()) };
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
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
