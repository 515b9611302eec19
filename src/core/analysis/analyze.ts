import type { Catalog } from '../catalog/catalog';
import { buildWorkflowModel, type WorkflowModel } from '../model/workflow';
import { parseJson } from '../parse/parseJson';
import { analyzeCredentials, type CredentialAnalysis } from './credentials';
import { analyzeModels, type ModelAnalysis } from './models';

/** Models and credentials of one workflow: what findings, sharing and code lenses are built from. */
export interface SecurityAnalysis {
  /** Undefined when the document has no object at its root. */
  model?: WorkflowModel;
  /** The document text, when known: needed to compute fixes. */
  text?: string;
  models: ModelAnalysis;
  credentials: CredentialAnalysis;
}

/** Document text, an already-built model, or both (the model of that text). */
export type SecuritySource = string | WorkflowModel | { text: string; model: WorkflowModel };

const EMPTY: Omit<SecurityAnalysis, 'text'> = {
  models: { uses: [], privateModels: [], decidedAtRunTime: [] },
  credentials: { uses: [], literalSecrets: [], credentialedSteps: [], uncertain: [] },
};

export function analyzeWorkflowSecurity(source: SecuritySource, catalog: Catalog): SecurityAnalysis {
  let text: string | undefined;
  let model: WorkflowModel | undefined;
  if (typeof source === 'string') {
    text = source;
    const { root } = parseJson(source);
    model = root?.type === 'object' ? buildWorkflowModel(root, catalog) : undefined;
  } else if ('model' in source && 'text' in source) {
    ({ text, model } = source);
  } else {
    model = source;
  }
  if (!model) return { ...EMPTY, text };
  return { model, text, models: analyzeModels(model, catalog), credentials: analyzeCredentials(model, catalog) };
}
