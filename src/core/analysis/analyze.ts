import type { Catalog } from '../catalog/catalog';
import { buildWorkflowModel, type WorkflowModel } from '../model/workflow';
import { parseJson } from '../parse/parseJson';
import { analyzeCredentials, type CredentialAnalysis } from './credentials';
import { analyzeModels, type ModelAnalysis } from './models';
import { knownSecrets, type KnownSecrets } from './secretScan';
import { placedSecrets, type PlacedSecret } from './writtenSecrets';

/** Models and credentials of one workflow: what findings, sharing and code lenses are built from. */
export interface SecurityAnalysis {
  /** Undefined when the document has no object at its root. */
  model?: WorkflowModel;
  /** The document text, when known: needed to compute fixes. */
  text?: string;
  models: ModelAnalysis;
  credentials: CredentialAnalysis;
  /** Credentials written anywhere else in the document (by shape, or a known secret's value). */
  writtenSecrets: PlacedSecret[];
}

export interface SecurityOptions {
  /** Values known to be secret (the editor's SecretStorage): found in the document in any
   * spelling the redactor knows. Never copied into the analysis. */
  storedSecrets?: readonly string[];
}

/** Document text, an already-built model, or both (the model of that text). */
export type SecuritySource = string | WorkflowModel | { text: string; model: WorkflowModel };

const EMPTY: Omit<SecurityAnalysis, 'text'> = {
  models: { uses: [], privateModels: [], decidedAtRunTime: [] },
  credentials: { uses: [], literalSecrets: [], credentialedSteps: [], uncertain: [] },
  writtenSecrets: [],
};

// The editor passes the same list on every keystroke: its spellings are computed once.
const knownByList = new WeakMap<readonly string[], KnownSecrets>();
const NONE: readonly string[] = [];
export function knownOf(values: readonly string[] = NONE): KnownSecrets {
  let known = knownByList.get(values);
  if (!known) knownByList.set(values, (known = knownSecrets(values)));
  return known;
}

export function analyzeWorkflowSecurity(source: SecuritySource, catalog: Catalog, options: SecurityOptions = {}): SecurityAnalysis {
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
  const credentials = analyzeCredentials(analysed, catalog);
  const writtenSecrets = placedSecrets(analysed, catalog, text, knownOf(options.storedSecrets), credentials);
  // A value the scanner recognises is reported as a secret, not as "may be a credential".
  const found = new Set(writtenSecrets.map((s) => s.nodeRange.offset));
  credentials.uncertain = credentials.uncertain.filter((u) => !found.has(u.range.offset));
  return { model, text, models: analyzeModels(analysed, catalog), credentials, writtenSecrets };
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
