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
  const analysed = withNewerVersionStandIns(model, catalog);
  return { model, text, models: analyzeModels(analysed, catalog), credentials: analyzeCredentials(analysed, catalog) };
}

/**
 * A step of a block version newer than the catalog (`open_ai@v9` when the catalog knows `@v7`) is
 * analysed as the newest known version of its family: its credentials and model ids sit in the same
 * fields, and a secret written into it must not go unnoticed because the catalog is older.
 */
function withNewerVersionStandIns(model: WorkflowModel, catalog: Catalog): WorkflowModel {
  if (model.steps.every((step) => step.block || !step.type)) return model;
  const steps = model.steps.map((step) => {
    if (step.block || !step.type) return step;
    const standIn = catalog.newestOlderVersion(step.type);
    return standIn ? { ...step, block: catalog.block(standIn) } : step;
  });
  return { ...model, steps };
}
