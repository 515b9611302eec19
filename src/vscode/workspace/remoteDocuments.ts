import * as vscode from 'vscode';

/**
 * Read-only documents for what lives in the workspace (its Live definition, an earlier version),
 * for `vscode.diff` and for opening a version. Their text is fetched by the commands and kept here;
 * the provider never goes to the network. URIs never carry the API key:
 * `roboflow-workflow:/<workspace>/<slug>/<live | version-<id>>/<slug>.workflow.json`.
 */
export const REMOTE_SCHEME = 'roboflow-workflow';

export class RemoteDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(REMOTE_SCHEME, this);
  }

  static uriFor(workspace: string, slug: string, revision: 'live' | { versionId: string }): vscode.Uri {
    const label = revision === 'live' ? 'live' : `version-${encodeURIComponent(revision.versionId)}`;
    return vscode.Uri.from({ scheme: REMOTE_SCHEME, path: `/${workspace}/${slug}/${label}/${slug}.workflow.json` });
  }

  /** Stores the text shown at `uri`; an open document showing it is refreshed. */
  put(uri: vscode.Uri, text: string): vscode.Uri {
    const key = uri.toString();
    const had = this.texts.has(key);
    this.texts.set(key, text);
    if (had) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// No longer available: open it again from the Roboflow Workflows view.\n';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
