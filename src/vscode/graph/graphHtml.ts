import type * as vscode from 'vscode';
import { webviewPage } from '../preview/html';

/** The graph's HTML: the preview's Content Security Policy (nothing remote, scripts only with a
 * fresh nonce), its bundle and stylesheet from media/dist. */
export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return webviewPage(webview, extensionUri, { bundle: 'graph', title, loading: 'Drawing the workflow…' });
}
