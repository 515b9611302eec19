import * as vscode from 'vscode';
import { contentSecurityPolicy, mediaRoot, newNonce } from '../preview/html';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The graph's HTML: the preview's Content Security Policy (nothing remote, scripts only with a
 * fresh nonce), its bundle and stylesheet from media/dist. */
export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = newNonce();
  const dist = vscode.Uri.joinPath(mediaRoot(extensionUri), 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph.js')).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'graph.css')).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(style)}">
<title>${escapeAttribute(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="muted">Drawing the workflow…</p></main>
<script nonce="${nonce}" src="${escapeAttribute(script)}"></script>
</body>
</html>`;
}
