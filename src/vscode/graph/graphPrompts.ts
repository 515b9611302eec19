import * as vscode from 'vscode';

/** The one question the graph asks in VS Code's own UI: where to save the SVG. Replaceable by the
 * integration tests (testApi.ts), like the preview's prompts. */
export interface GraphPrompts {
  saveSvgTo(suggested: vscode.Uri): Promise<vscode.Uri | undefined>;
}

const defaults: GraphPrompts = {
  saveSvgTo: (suggested) => Promise.resolve(vscode.window.showSaveDialog({ defaultUri: suggested, filters: { 'SVG image': ['svg'] }, title: 'Export Workflow Graph as SVG' })),
};

export let graphPrompts: GraphPrompts = defaults;

export function setGraphPrompts(hooks: Partial<GraphPrompts>): void {
  graphPrompts = { ...defaults, ...hooks };
}
