import { analyzeWorkflowSecurity, type SecurityAnalysis, type SecurityOptions } from './analysis/analyze';
import { securityFindings } from './analysis/findings';
import { withoutSecretsInMessages } from './analysis/maskMessages';
import type { Catalog } from './catalog/catalog';
import { Redactor } from './redaction/redactor';
import { validateWorkflow, type ValidationOptions, type ValidationResult } from './validate';

export interface LintResult extends ValidationResult {
  /** Models and credentials, for lenses, sharing commands and previews. */
  security: SecurityAnalysis;
}

export const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

export type LintOptions = ValidationOptions & SecurityOptions;

// The editor passes the same stored values on every keystroke: one redactor for them.
const redactors = new WeakMap<readonly string[], Redactor>();
export function redactorFor(values: readonly string[] | undefined): Redactor | undefined {
  if (!values?.length) return undefined;
  let redactor = redactors.get(values);
  if (!redactor) redactors.set(values, (redactor = new Redactor(values)));
  return redactor;
}

/** Everything the editor and the CLI report for one workflow document: validation and security.
 * No message quotes a string of the document that could be a credential, nor a stored secret. */
export function lintWorkflow(text: string, catalog: Catalog, options: LintOptions = {}): LintResult {
  const validation = validateWorkflow(text, catalog, options);
  const securityOptions = { storedSecrets: options.storedSecrets };
  const security = validation.model ? analyzeWorkflowSecurity({ text, model: validation.model }, catalog, securityOptions) : analyzeWorkflowSecurity(text, catalog, securityOptions);
  const findings = [...validation.findings, ...securityFindings(security)].sort(
    (a, b) => a.range.offset - b.range.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return { ...validation, findings: withoutSecretsInMessages(findings, redactorFor(options.storedSecrets)), security };
}
