import type * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';
import { registerMoveToSecretStorage } from './moveToSecretStorage';
import { registerSecretCommands } from './secretCommands';
import { registerSecretStore, type SecretStore } from './secretStore';

/** SecretStorage: the store (also for preview runs), its palette commands, the
 * "Move to SecretStorage" quick fix, and the stored values analyses look for. */
export function registerSecrets(context: vscode.ExtensionContext, service: WorkflowService): SecretStore {
  const store = registerSecretStore(context);
  registerSecretCommands(context, service, store);
  registerMoveToSecretStorage(context, service, store);
  // Analyses find stored values written in a workflow; without SecretStorage there are none to find.
  const load = () => store.storedValues().catch(() => []);
  void service.loadStoredSecrets(load);
  context.subscriptions.push(store.onDidChange(() => void service.loadStoredSecrets(load)));
  return store;
}
