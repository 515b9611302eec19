import type * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';
import { registerMoveToSecretStorage } from './moveToSecretStorage';
import { registerSecretCommands } from './secretCommands';
import { registerSecretStore, type SecretStore } from './secretStore';

/** SecretStorage: the store (also for preview runs), its palette commands and the
 * "Move to SecretStorage" quick fix. */
export function registerSecrets(context: vscode.ExtensionContext, service: WorkflowService): SecretStore {
  const store = registerSecretStore(context);
  registerSecretCommands(context, service, store);
  registerMoveToSecretStorage(context, service, store);
  return store;
}
