import * as vscode from 'vscode';
import { parseTree } from 'jsonc-parser';
import { looksLikeWorkflow, mayBeWorkflowText, WORKFLOW_FILE_SUFFIX } from '../core/detect';

/** The language of `*.workflow.json` files (package.json `languages`). */
export const WORKFLOW_LANGUAGE_ID = 'roboflow-workflow';
/** Where workflows are found: their own language, and JSON files that match a glob or read like one. */
export const WORKFLOW_SELECTOR: vscode.DocumentSelector = [{ language: WORKFLOW_LANGUAGE_ID }, { language: 'json' }, { language: 'jsonc' }];
const WORKFLOW_LANGUAGES = new Set([WORKFLOW_LANGUAGE_ID, 'json', 'jsonc']);
const SHARING_SUFFIX = '.sharing.json';
const contentVerdicts = new WeakMap<vscode.TextDocument, { version: number; verdict: boolean }>();

function userGlobs(): string[] {
  return vscode.workspace.getConfiguration('roboflowWorkflows').get<string[]>('workflowGlobs', []);
}

/**
 * A document is a workflow when its name ends in `.workflow.json`, it matches a user glob, or its
 * content has `steps` with `version`, `inputs` or `outputs`. Other JSON is never touched.
 */
export function isWorkflowDocument(document: vscode.TextDocument): boolean {
  const path = document.uri.path;
  if (path.endsWith(SHARING_SUFFIX)) return false;
  if (path.endsWith(WORKFLOW_FILE_SUFFIX)) return true;
  if (!WORKFLOW_LANGUAGES.has(document.languageId)) return false;
  if (userGlobs().some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  const cached = contentVerdicts.get(document);
  if (cached?.version === document.version) return cached.verdict;
  const text = document.getText();
  const verdict = mayBeWorkflowText(text) && looksLikeWorkflow(parseTree(text));
  contentVerdicts.set(document, { version: document.version, verdict });
  return verdict;
}
