import type { Catalog } from './catalog/catalog';
import { validateWorkflow, type ValidationResult } from './validate';

/** Everything the editor and the CLI report for one workflow document. */
export function lintWorkflow(text: string, catalog: Catalog): ValidationResult {
  return validateWorkflow(text, catalog);
}
