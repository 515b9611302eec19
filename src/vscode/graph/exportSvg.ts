import * as path from 'path';
import * as vscode from 'vscode';
import type { Redactor } from '../../core/api';
import { graphPrompts } from './graphPrompts';

/** Asks where to save the drawing (beside the workflow by default) and writes it, redacted. */
export async function saveSvg(workflow: vscode.Uri, svg: string, guard: Redactor): Promise<vscode.Uri | undefined> {
  const suggested = vscode.Uri.joinPath(workflow, '..', `${path.posix.basename(workflow.path).replace(/\.json$/i, '')}.graph.svg`);
  const target = await graphPrompts.saveSvgTo(suggested);
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(guard.redact(svg), 'utf8'));
  vscode.window.setStatusBarMessage(`$(check) Saved ${path.posix.basename(target.path)}`, 4000);
  return target;
}
