import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The preview's HTML: a Content Security Policy that starts from `default-src 'none'`, allows
 * images only from the extension's own media folder and `data:` URLs, styles only from the media
 * folder, and scripts only with a fresh nonce from node's crypto. Everything is bundled in
 * `media/dist` (no CDN, no remote fonts: the workbench's own fonts through CSS variables).
 */

export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [mediaRoot(extensionUri)],
    // State lives in the webview's getState/setState and in the host; no retainContextWhenHidden.
    retainContextWhenHidden: false,
  };
}

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A webview page of this extension: the strict CSP with a fresh nonce, and one bundle and its
 * stylesheet from media/dist (`<bundle>.js`, `<bundle>.css`). The preview and the graph share it.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: { bundle: string; title: string; loading: string }): string {
  const nonce = newNonce();
  const dist = vscode.Uri.joinPath(mediaRoot(extensionUri), 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, `${page.bundle}.js`)).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, `${page.bundle}.css`)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(style)}">
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="muted">${escapeAttribute(page.loading)}</p></main>
<script nonce="${nonce}" src="${escapeAttribute(script)}"></script>
</body>
</html>`;
}

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return webviewPage(webview, extensionUri, { bundle: 'preview', title, loading: 'Loading the preview…' });
}
