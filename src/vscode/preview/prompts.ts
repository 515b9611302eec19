import * as path from 'path';
import * as vscode from 'vscode';
import { IMAGE_EXTENSIONS, workspaceImages } from './images';

/**
 * The questions a preview asks in VS Code's own UI (never in the webview): which image to use, and,
 * for a run "as someone I share with" whose credentials they supply, each credential, in a password
 * input box so the webview never holds it. Replaceable by the integration tests (testApi.ts).
 */
export interface PreviewPrompts {
  /** An image file: a Quick Pick of the workspace's images, with "Browse…" for an open dialog. */
  pickImage(inputName: string): Promise<vscode.Uri | undefined>;
  /** A credential the person you share with would supply; used for one run, never stored. */
  sharedCredential(request: { name: string; provider: string; steps: string[] }): Promise<string | undefined>;
  /** A credential no stored one may fill (`reason` says why); used for one run, never stored. */
  typedCredential(request: { name: string; provider: string; steps: string[]; reason: string }): Promise<string | undefined>;
}

interface ImageItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  browse?: boolean;
}

const defaults: PreviewPrompts = {
  async pickImage(inputName) {
    const files = await workspaceImages();
    const items: ImageItem[] = files
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((uri) => ({ label: path.posix.basename(uri.path), description: vscode.workspace.asRelativePath(uri, false), uri }));
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(folder-opened) Browse…', browse: true, alwaysShow: true });
    const picked = await vscode.window.showQuickPick(items, {
      title: `Image for input \`${inputName}\``,
      placeHolder: files.length ? 'An image from this workspace' : 'No images in this workspace: browse for one',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    if (picked.uri) return picked.uri;
    const chosen = await vscode.window.showOpenDialog({
      title: `Image for input \`${inputName}\``,
      canSelectMany: false,
      openLabel: 'Use Image',
      filters: { Images: [...IMAGE_EXTENSIONS] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    return chosen?.[0];
  },
  async sharedCredential({ name, provider, steps }) {
    return vscode.window.showInputBox({
      title: `As someone you share with: \`${name}\``,
      prompt: `The ${provider} credential they would supply${steps.length ? ` (read by ${steps.map((s) => `\`${s}\``).join(', ')})` : ''}. Used for this run only; never stored, never shown.`,
      password: true,
      ignoreFocusOut: true,
    });
  },
  async typedCredential({ name, reason }) {
    return vscode.window.showInputBox({
      title: `Preview: \`${name}\` for this run`,
      prompt: `No stored credential is used: ${reason}. Type the value for this run only; it is never stored or shown.`,
      password: true,
      ignoreFocusOut: true,
    });
  },
};

export const previewPrompts: PreviewPrompts = { ...defaults };

/** Test only: replaces some prompts; `setPreviewPrompts({})` restores VS Code's. */
export function setPreviewPrompts(hooks: Partial<PreviewPrompts>): void {
  Object.assign(previewPrompts, defaults, hooks);
}
