import * as path from 'path';
import * as vscode from 'vscode';
import type { SecurityAnalysis } from '../../core/api';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { canHaveSidecar, isSidecarUri, openDocument, readText, workflowUriFor } from './sidecarFiles';

/** The workflow a sharing command acts on: the one passed (a code lens passes its document), else
 * the active editor's, or the workflow beside the active sharing configuration. */
export interface SharingTarget {
  workflow: vscode.Uri;
  text: string;
  security: SecurityAnalysis;
  /** False for untitled workflows: there is nowhere to keep a sharing configuration yet. */
  canHaveSidecar: boolean;
}

export const SAVE_FIRST = 'Save the workflow as a .json file first: its sharing configuration is kept in a file beside it.';

export type TargetResult = { target: SharingTarget; reason?: undefined } | { target?: undefined; reason: string };

function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  return undefined;
}

export function fileName(uri: vscode.Uri): string {
  return path.posix.basename(uri.path);
}

export async function resolveTarget(service: WorkflowService, arg?: unknown): Promise<TargetResult> {
  const uri = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return { reason: 'Open a Roboflow workflow first: sharing is configured per workflow.' };
  const workflow = isSidecarUri(uri) ? workflowUriFor(uri)! : uri;
  const document = openDocument(workflow);
  let text: string;
  let security: SecurityAnalysis;
  if (document) {
    if (!service.isWorkflow(document)) return { reason: `${fileName(workflow)} is not a Roboflow workflow: sharing is configured per workflow.` };
    const { result } = service.analyze(document);
    text = document.getText();
    security = result.security;
  } else {
    const onDisk = await readText(workflow);
    if (onDisk === undefined) return { reason: `There is no workflow ${fileName(workflow)} beside this sharing configuration.` };
    const core = loadCore();
    text = onDisk;
    security = core.analyzeWorkflowSecurity(text, service.catalog());
  }
  return { target: { workflow, text, security, canHaveSidecar: canHaveSidecar(workflow) } };
}
