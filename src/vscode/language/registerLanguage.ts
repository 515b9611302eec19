import * as vscode from 'vscode';
import { WORKFLOW_LANGUAGE_ID, WORKFLOW_SELECTOR } from '../workflowDocuments';
import type { WorkflowService } from '../workflowService';
import { WorkflowCompletionProvider } from './completionProvider';
import { WorkflowDefinitionProvider } from './definitionProvider';
import { WorkflowFoldingProvider } from './foldingProvider';
import { WorkflowFormattingProvider } from './formattingProvider';
import { WorkflowHoverProvider } from './hoverProvider';
import { WorkflowLinkProvider } from './linkProvider';
import { WorkflowReferenceProvider } from './referenceProvider';
import { WorkflowRenameProvider } from './renameProvider';
import { WorkflowSelectionRangeProvider } from './selectionRangeProvider';
import { WorkflowSymbolProvider } from './symbolProvider';

/** Every language feature of a workflow document; the JSON server contributes none for them. */
export function registerLanguageFeatures(context: vscode.ExtensionContext, service: WorkflowService): void {
  // `*.workflow.json` is its own language, which the JSON server does not serve: what it gave JSON
  // files beyond our features (folding, Expand Selection, formatting) comes from here.
  const workflowLanguage: vscode.DocumentSelector = { language: WORKFLOW_LANGUAGE_ID };
  const formatting = new WorkflowFormattingProvider();
  context.subscriptions.push(
    vscode.languages.registerFoldingRangeProvider(workflowLanguage, new WorkflowFoldingProvider()),
    vscode.languages.registerSelectionRangeProvider(workflowLanguage, new WorkflowSelectionRangeProvider()),
    vscode.languages.registerDocumentFormattingEditProvider(workflowLanguage, formatting),
    vscode.languages.registerDocumentRangeFormattingEditProvider(workflowLanguage, formatting),
  );
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(WORKFLOW_SELECTOR, new WorkflowCompletionProvider(service), '$', '.', '"'),
    vscode.languages.registerHoverProvider(WORKFLOW_SELECTOR, new WorkflowHoverProvider(service)),
    vscode.languages.registerDefinitionProvider(WORKFLOW_SELECTOR, new WorkflowDefinitionProvider(service)),
    vscode.languages.registerReferenceProvider(WORKFLOW_SELECTOR, new WorkflowReferenceProvider(service)),
    vscode.languages.registerRenameProvider(WORKFLOW_SELECTOR, new WorkflowRenameProvider(service)),
    vscode.languages.registerDocumentSymbolProvider(WORKFLOW_SELECTOR, new WorkflowSymbolProvider(service), { label: 'Workflow' }),
    vscode.languages.registerDocumentLinkProvider(WORKFLOW_SELECTOR, new WorkflowLinkProvider(service)),
  );
}
