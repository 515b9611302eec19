import * as path from 'path';
import * as vscode from 'vscode';
import type { CredentialNeed, PreviewForm, SecurityAnalysis, SharePlan, SharingSettings } from '../../core/api';
import { loadCore } from '../core';
import { canHaveSidecar, openDocument, readSettings, readText } from '../sharing/sidecarFiles';
import type { WorkflowService } from '../workflowService';

/**
 * Everything a preview reads from the workflow at one moment: its text (the open document's,
 * unsaved changes included, else the file's), the analysis, the form, the sharing configuration
 * and what a run by someone you share with would do.
 */
export interface WorkflowSnapshot {
  uri: vscode.Uri;
  fileName: string;
  text?: string;
  /** Why the definition cannot be sent. */
  problem?: string;
  errorCount: number;
  security?: SecurityAnalysis;
  stepNames: Set<string>;
  /** Steps whose block is a sink (e-mail, webhooks, uploads): see the sinks rule. */
  sinkSteps: string[];
  form: PreviewForm;
  settings: SharingSettings;
  plan?: SharePlan;
  /** For share mode with credentials they supply: the definition they receive, and its credential inputs. */
  shareable?: { text: string; credentials: CredentialNeed[] } | { error: string };
}

export async function readSnapshot(service: WorkflowService, uri: vscode.Uri): Promise<WorkflowSnapshot> {
  const core = loadCore();
  const fileName = path.posix.basename(uri.path);
  const empty: WorkflowSnapshot = { uri, fileName, errorCount: 0, stepNames: new Set(), sinkSteps: [], form: { inputs: [], credentials: [] }, settings: { ...core.DEFAULT_SHARING_SETTINGS } };
  const document = openDocument(uri);
  let text: string | undefined;
  let security: SecurityAnalysis;
  let errorCount: number;
  if (document) {
    text = document.getText();
    const { result } = service.analyze(document);
    security = result.security;
    errorCount = result.findings.filter((f) => f.severity === 'error').length;
  } else {
    text = await readText(uri);
    if (text === undefined) return { ...empty, problem: `${fileName} could not be read. Was it moved or deleted?` };
    const result = core.lintWorkflow(text, service.catalog());
    security = result.security;
    errorCount = result.findings.filter((f) => f.severity === 'error').length;
  }
  if (!security.model) return { ...empty, text, problem: `${fileName} is not a workflow definition (a JSON object with \`version\`, \`inputs\`, \`steps\` and \`outputs\`).` };
  const spec = core.parseSpecification(text);
  const settings = canHaveSidecar(uri) ? await readSettings(uri) : { ...core.DEFAULT_SHARING_SETTINGS };
  const plan = core.sharePlan(security, settings);
  const snapshot: WorkflowSnapshot = {
    uri,
    fileName,
    text,
    ...(!spec.ok && { problem: spec.message }),
    errorCount,
    security,
    stepNames: new Set(security.model.steps.map((s) => s.name).filter((n): n is string => !!n)),
    sinkSteps: core.sinkStepNames(security.model),
    form: core.previewForm(security),
    settings,
    plan,
  };
  if (plan.credentials === 'sharee' && spec.ok) snapshot.shareable = shareableFor(service, text, settings);
  return snapshot;
}

function shareableFor(service: WorkflowService, text: string, settings: SharingSettings): WorkflowSnapshot['shareable'] {
  const core = loadCore();
  try {
    const exported = core.exportShareableDefinition(text, service.catalog(), settings);
    const shared = core.analyzeWorkflowSecurity(exported.text, service.catalog());
    const needs = new Map(core.previewForm(shared).credentials.map((c) => [c.name, c]));
    return {
      text: exported.text,
      // They type every one of these: the route only explains, it never fills from SecretStorage.
      credentials: exported.credentialInputs.map((c) => ({
        name: c.name,
        provider: c.provider,
        steps: c.steps,
        hasDefault: needs.get(c.name)?.hasDefault ?? false,
        route: needs.get(c.name)?.route ?? { typed: { kind: 'unused' } },
      })),
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
