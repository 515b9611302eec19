import type { Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { FieldSpec } from '../catalog/types';
import type { Finding } from '../findings';
import type { WorkflowInput, WorkflowModel, WorkflowOutput, WorkflowStep } from '../model/workflow';
import type { ParsedSelector } from '../selectors';

/** A selector found in the document, with where it was written and what it points at. */
export interface SelectorReference {
  selector: ParsedSelector;
  node: Node;
  /** The step that holds it, or undefined for a workflow output. */
  step?: WorkflowStep;
  output?: WorkflowOutput;
  field?: FieldSpec;
  property: string;
}

export interface ValidationContext {
  text: string;
  catalog: Catalog;
  model: WorkflowModel;
  findings: Finding[];
  /** First declaration of each name (duplicates are reported separately). */
  inputsByName: Map<string, WorkflowInput>;
  stepsByName: Map<string, WorkflowStep>;
  /** Types declared by custom Python block definitions, whether they compile or not. */
  customTypes: ReadonlySet<string>;
  references: SelectorReference[];
  /** Reuse schema verdicts of unchanged steps from earlier validations. */
  useCache: boolean;
  /** The plain value of a section entry (`steps`, index): from one native JSON.parse when the text is valid. */
  plainValue(section: 'inputs' | 'steps' | 'outputs', index: number, node: Node): unknown;
}
