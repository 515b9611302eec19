import * as vscode from 'vscode';
import { parseTree } from 'jsonc-parser';
import { looksLikeWorkflow, mayBeWorkflowText, WORKFLOW_FILE_SUFFIX } from '../core/detect';

const JSON_LANGUAGES = new Set(['json', 'jsonc']);
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
  if (!JSON_LANGUAGES.has(document.languageId)) return false;
  if (userGlobs().some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  const cached = contentVerdicts.get(document);
  if (cached?.version === document.version) return cached.verdict;
  const text = document.getText();
  const verdict = mayBeWorkflowText(text) && looksLikeWorkflow(parseTree(text));
  contentVerdicts.set(document, { version: document.version, verdict });
  return verdict;
}
