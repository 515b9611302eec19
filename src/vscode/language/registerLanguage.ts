import * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';
import { WorkflowCompletionProvider } from './completionProvider';
import { WorkflowDefinitionProvider } from './definitionProvider';
import { WorkflowHoverProvider } from './hoverProvider';
import { WorkflowLinkProvider } from './linkProvider';
import { WorkflowReferenceProvider } from './referenceProvider';
import { WorkflowRenameProvider } from './renameProvider';
import { WorkflowSymbolProvider } from './symbolProvider';

// Workflows are JSON documents; each provider answers only for those the service calls workflows.
const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];

/** Every language feature of a workflow document; the JSON server contributes none for them. */
export function registerLanguageFeatures(context: vscode.ExtensionContext, service: WorkflowService): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(SELECTOR, new WorkflowCompletionProvider(service), '$', '.', '"'),
    vscode.languages.registerHoverProvider(SELECTOR, new WorkflowHoverProvider(service)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new WorkflowDefinitionProvider(service)),
    vscode.languages.registerReferenceProvider(SELECTOR, new WorkflowReferenceProvider(service)),
    vscode.languages.registerRenameProvider(SELECTOR, new WorkflowRenameProvider(service)),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, new WorkflowSymbolProvider(service), { label: 'Workflow' }),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, new WorkflowLinkProvider(service)),
  );
}
