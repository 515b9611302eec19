import { analyzeWorkflowSecurity, type SecurityAnalysis } from './analysis/analyze';
import { securityFindings } from './analysis/findings';
import type { Catalog } from './catalog/catalog';
import { validateWorkflow, type ValidationOptions, type ValidationResult } from './validate';

export interface LintResult extends ValidationResult {
  /** Models and credentials, for lenses, sharing commands and previews. */
  security: SecurityAnalysis;
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** Everything the editor and the CLI report for one workflow document: validation and security. */
export function lintWorkflow(text: string, catalog: Catalog, options?: ValidationOptions): LintResult {
  const validation = validateWorkflow(text, catalog, options);
  const security = validation.model ? analyzeWorkflowSecurity({ text, model: validation.model }, catalog) : analyzeWorkflowSecurity(text, catalog);
  const findings = [...validation.findings, ...securityFindings(security)].sort(
    (a, b) => a.range.offset - b.range.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return { ...validation, findings, security };
}
