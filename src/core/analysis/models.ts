import type { Catalog } from '../catalog/catalog';
import type { OffsetRange } from '../findings';
import type { WorkflowModel, WorkflowStep } from '../model/workflow';
import { rangeOf } from '../parse/tree';
import { parseSelector } from '../selectors';
import { classifyModelId, type PublicModelReason } from './publicModels';
import { inputsByName, stepLabel, stepProperties } from './stepFields';

/** Which models a workflow uses, and whether each looks public or private. */

export type ModelIdSource =
  | 'literal' // written in the step
  | 'input-default' // `$inputs.x` whose input declares a `default_value`
  | 'block-default' // the field is absent and the block's default applies
  | 'run-time'; // `$inputs.x` without a default, or another step's output

export interface ModelUse {
  stepName: string;
  stepIndex: number;
  blockType: string;
  /** Canonical field name (`model_id`, `version`, `fine_tuned_model_id`…). */
  field: string;
  source: ModelIdSource;
  /** Where to point: the value in the step, or the step's `type` when the field is absent. */
  range: OffsetRange;
  /** Undefined when the id is decided at run time. */
  modelId?: string;
  /** Undefined when the id is decided at run time. */
  visibility?: 'public' | 'private';
  publicReason?: PublicModelReason;
  /** For `$inputs.x`: the input's name and, when it has one, its `default_value`. */
  inputName?: string;
  inputDefaultRange?: OffsetRange;
  /** For a run-time id: whether it comes from an input or from another step's output. */
  runTimeSource?: 'input' | 'step-output';
}

export interface ModelAnalysis {
  uses: ModelUse[];
  /** Literal (or input-default) ids that look private: what the run-access option is about. */
  privateModels: ModelUse[];
  /** Ids that only the person running the workflow decides. */
  decidedAtRunTime: ModelUse[];
}

/** A field that takes a Roboflow model id; others (`clip` `version`…) name a foundation model's
 * variant, and the block builds a public id from it. */
function takesModelId(selectorKinds: readonly string[]): boolean {
  return selectorKinds.includes('roboflow_model_id');
}

function stepUses(step: WorkflowStep, catalog: Catalog, inputs: ReturnType<typeof inputsByName>): ModelUse[] {
  const block = step.block;
  if (!block || block.modelIdFields.length === 0) return [];
  const properties = stepProperties(step, catalog);
  const uses: ModelUse[] = [];
  for (const fieldName of block.modelIdFields) {
    const field = catalog.field(block, fieldName);
    if (!field) continue;
    const property = properties.get(field.name);
    const base = { stepName: stepLabel(step), stepIndex: step.index, blockType: block.type, field: field.name };
    const foundation = !takesModelId(field.selectorKinds);
    const classify = (modelId: string) => {
      if (foundation) return { modelId, visibility: 'public' as const, publicReason: 'foundation-block' as const };
      const verdict = classifyModelId(modelId, catalog);
      return verdict.visibility === 'public'
        ? { modelId, visibility: 'public' as const, publicReason: verdict.reason }
        : { modelId, visibility: 'private' as const };
    };

    const value = property?.value;
    if (!value || value.type === 'null') {
      if (typeof field.default === 'string') {
        uses.push({ ...base, source: 'block-default', range: rangeOf(step.typeNode ?? step.node), ...classify(field.default) });
      }
      continue;
    }
    if (value.type !== 'string') continue; // a type error, reported by the validator
    const text = value.value as string;
    if (!text.startsWith('$')) {
      uses.push({ ...base, source: 'literal', range: rangeOf(value), ...classify(text) });
      continue;
    }
    const selector = parseSelector(text);
    if (!selector) continue; // malformed selector: the validator's business
    if (selector.kind === 'input') {
      const input = inputs.get(selector.input);
      const fallback = input?.defaultValue;
      if (typeof fallback === 'string' && fallback !== '' && input?.defaultNode) {
        uses.push({ ...base, source: 'input-default', range: rangeOf(value), inputName: selector.input, inputDefaultRange: rangeOf(input.defaultNode), ...classify(fallback) });
      } else if (foundation) {
        uses.push({ ...base, source: 'run-time', range: rangeOf(value), inputName: selector.input, visibility: 'public', publicReason: 'foundation-block', runTimeSource: 'input' });
      } else {
        uses.push({ ...base, source: 'run-time', range: rangeOf(value), inputName: selector.input, runTimeSource: 'input' });
      }
    } else if (foundation) {
      uses.push({ ...base, source: 'run-time', range: rangeOf(value), visibility: 'public', publicReason: 'foundation-block', runTimeSource: 'step-output' });
    } else {
      uses.push({ ...base, source: 'run-time', range: rangeOf(value), runTimeSource: 'step-output' });
    }
  }
  return uses;
}

export function analyzeModels(model: WorkflowModel, catalog: Catalog): ModelAnalysis {
  const inputs = inputsByName(model);
  const uses = model.steps.flatMap((step) => stepUses(step, catalog, inputs));
  return {
    uses,
    privateModels: uses.filter((use) => use.visibility === 'private'),
    decidedAtRunTime: uses.filter((use) => use.source === 'run-time' && use.visibility === undefined),
  };
}
