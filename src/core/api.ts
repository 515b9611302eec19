/**
 * The heavy half of the core (compiled schemas, the catalog, analyses), bundled on its own as
 * dist/core.js so the extension loads it when the first workflow opens, not at activation.
 */
export { bundledCatalog } from './catalog/bundled';
export { Catalog } from './catalog/catalog';
export { lintWorkflow } from './lint';
export type { LintResult } from './lint';
export { validateWorkflow } from './validate';
export type { ValidationResult } from './validate';
