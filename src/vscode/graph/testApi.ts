import * as vscode from 'vscode';
import type { GraphManager } from './graphManager';
import type { GraphPanel } from './graphPanel';
import { setGraphPrompts, type GraphPrompts } from './graphPrompts';

/**
 * TEST ONLY: what the integration tests drive the graph through. Registered as a command only when
 * VS Code runs the extension for its tests (ExtensionMode.Test); it does not exist otherwise.
 */
export const GRAPH_TEST_COMMAND = 'roboflowWorkflows.test.graphApi';

export interface GraphTestApi {
  panel(uri: vscode.Uri): GraphPanel | undefined;
  /** Answers the save dialog; `setPrompts({})` restores VS Code's. */
  setPrompts(hooks: Partial<GraphPrompts>): void;
  closeAll(): void;
}

export function registerGraphTestApi(context: vscode.ExtensionContext, manager: GraphManager): void {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  const api: GraphTestApi = {
    panel: (uri) => manager.get(uri),
    setPrompts: setGraphPrompts,
    closeAll: () => {
      for (const panel of manager.all()) panel.dispose();
    },
  };
  context.subscriptions.push(vscode.commands.registerCommand(GRAPH_TEST_COMMAND, () => api), { dispose: () => setGraphPrompts({}) });
}
