import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../findings';
import type { WorkflowModel, WorkflowStep } from '../model/workflow';
import { withoutSecretsInMessages } from '../analysis/maskMessages';
import type { Redactor } from '../redaction/redactor';
import type { ValidationContext } from '../validate/context';
import { checkSteps } from '../validate/steps';
import { checkTaskRequirements } from '../validate/taskRequirements';
import { SEVERITY_ORDER } from '../lint';

/**
 * What the checks that read one step alone (its block's schema and fields, its task's required
 * fields) report about `step`, as a full lint reports them: in the same order, messages masked.
 * Whole-document checks (names, selectors, graph, lineage) are not run.
 */
export function stepFindings(text: string, model: WorkflowModel, step: WorkflowStep, catalog: Catalog, useCache: boolean, redactor: Redactor | undefined): Finding[] {
  const ctx: ValidationContext = {
    text,
    catalog,
    model: { ...model, steps: [step] },
    findings: [],
    inputsByName: new Map(),
    stepsByName: new Map(),
    customTypes: new Set(),
    references: [],
    useCache,
    // The step's own text parses as JSON.parse of the whole document would give it (no syntax errors here).
    plainValue: (_section, _index, node) => JSON.parse(text.slice(node.offset, node.offset + node.length)) as unknown,
  };
  checkSteps(ctx);
  checkTaskRequirements(ctx);
  ctx.findings.sort((a, b) => a.range.offset - b.range.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return withoutSecretsInMessages(ctx.findings, redactor);
}
