import { getNodeValue, type Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../findings';
import { buildWorkflowModel, firstByName, type WorkflowInput, type WorkflowModel, type WorkflowStep } from '../model/workflow';
import { nestingTooDeep, parseJson } from '../parse/parseJson';
import type { ValidationContext } from './context';
import { checkDuplicateKeys, checkDuplicates } from './duplicates';
import { compileCustomBlocks } from './customBlocks';
import { checkFlowTargets } from './flowTargets';
import { checkCycles, checkUnused } from './graph';
import { checkInputKindConflicts } from './inputUsage';
import { checkLineage } from './lineage';
import { checkReferences, collectReferences } from './references';
import { checkSteps } from './steps';
import { checkTaskRequirements } from './taskRequirements';
import { checkInputs, checkOutputShapes, checkTopLevel, checkVersion } from './structure';

export interface ValidationResult {
  findings: Finding[];
  /** The located model, when the text parsed into an object (for lenses and analyses). */
  model?: WorkflowModel;
  root?: Node;
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** Validates a workflow definition's text: syntax, each step's own schema, and the engine's compile-time checks. */
export interface ValidationOptions {
  /** Reuse schema verdicts of steps unchanged since an earlier validation (default true). */
  cache?: boolean;
}

export function validateWorkflow(text: string, catalog: Catalog, options: ValidationOptions = {}): ValidationResult {
  try {
    return validateParsed(text, catalog, options.cache ?? true);
  } catch (error) {
    // Only absurd nesting can exhaust the stack in the checks that walk values; say so, never crash.
    if (error instanceof RangeError) return { findings: [nestingTooDeep(text)] };
    throw error;
  }
}

function validateParsed(text: string, catalog: Catalog, useCache: boolean): ValidationResult {
  const parsed = parseJson(text);
  const root = parsed.root;
  if (!root) return { findings: parsed.findings };
  if (root.type !== 'object') {
    return {
      findings: [...parsed.findings, { code: 'wrong-type', severity: 'error', message: 'A workflow definition is a JSON object with `version`, `inputs`, `steps` and `outputs`.', range: { offset: root.offset, length: 1 } }],
      root,
    };
  }
  // Custom Python blocks first, as the engine compiles them: their steps are checked against them.
  const custom = compileCustomBlocks(root, catalog, text);
  const model = buildWorkflowModel(root, custom.catalog);
  // Native JSON.parse builds plain values far faster than walking the tree, when the text is valid
  // JSON; it runs only if some step's verdict is not cached.
  let plain: Record<string, unknown[] | undefined> | undefined | null = parsed.findings.length ? undefined : null;
  const ctx: ValidationContext = {
    text,
    catalog: custom.catalog,
    model,
    findings: [...parsed.findings, ...custom.findings],
    inputsByName: firstByName<WorkflowInput>(model.inputs),
    stepsByName: firstByName<WorkflowStep>(model.steps),
    customTypes: custom.declaredTypes,
    references: [],
    useCache,
    plainValue: (section, index, node) => {
      if (plain === null) plain = JSON.parse(text) as Record<string, unknown[] | undefined>;
      const list = plain?.[section];
      return Array.isArray(list) && index < list.length ? list[index] : getNodeValue(node);
    },
  };
  checkTopLevel(ctx);
  checkVersion(ctx);
  checkInputs(ctx);
  checkSteps(ctx);
  checkTaskRequirements(ctx);
  checkOutputShapes(ctx);
  checkDuplicates(ctx);
  checkDuplicateKeys(ctx);
  collectReferences(ctx);
  checkReferences(ctx);
  checkFlowTargets(ctx);
  checkInputKindConflicts(ctx);
  checkCycles(ctx);
  // Cycles and kind mismatches are always errors, and the engine stops at them before judging batches.
  if (!ctx.findings.some((f) => f.code === 'cycle' || f.code === 'kind-mismatch')) checkLineage(ctx);
  checkUnused(ctx);
  ctx.findings.sort((a, b) => a.range.offset - b.range.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { findings: ctx.findings, model, root };
}
