import type * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';
import { registerContextKeys, type ContextKeyValues } from './contextKeys';
import { registerSharingCommands } from './sharingCommands';
import { registerSidecarDiagnostics } from './sidecarDiagnostics';
import { SidecarChanges } from './sidecarFiles';

export interface SharingFeature {
  /** Fires with a workflow URI when its sharing configuration may have changed. */
  changes: SidecarChanges;
  /** The context keys last set from the active editor. */
  contextKeys(): ContextKeyValues;
}

/** Sharing configuration: palette commands and their context keys, sidecar diagnostics, export. */
export function registerSharing(context: vscode.ExtensionContext, service: WorkflowService): SharingFeature {
  const changes = new SidecarChanges();
  context.subscriptions.push(changes);
  registerSharingCommands(context, service);
  registerSidecarDiagnostics(context, service);
  const contextKeys = registerContextKeys(context, service);
  return { changes, contextKeys };
}
