import type { Catalog } from '../../src/core/catalog/catalog';
import type { Finding } from '../../src/core/findings';
import { validateWorkflow } from '../../src/core/validate';
import { freshCatalog } from './freshCatalog';
import { applyFix, underlined } from './workflowText';

/** The findings a user sees in the Problems panel; hints (faded text only) are left out. */
export const visibleFindings = (text: string, catalog: Catalog = freshCatalog()): Finding[] =>
  validateWorkflow(text, catalog).findings.filter((f) => f.severity !== 'hint');

/** A finding as the editor shows it: its code, severity, message and the text it underlines. */
export const findingRow = (text: string, f: Finding): [string, string, string, string] => [f.code, f.severity, f.message, underlined(text, f)];

/** Every visible finding of `text`, as rows. */
export const findingRows = (text: string, catalog: Catalog = freshCatalog()): [string, string, string, string][] =>
  visibleFindings(text, catalog).map((f) => findingRow(text, f));

/** The related locations shown under a finding: each one's message and the text it points at. */
export const relatedRows = (text: string, f: Finding): [string, string][] => (f.related ?? []).map((r) => [r.message, underlined(text, { ...f, range: r.range })]);

/** Each quick fix of a finding: its title and the document as the fix leaves it. */
export const fixRows = (text: string, f: Finding): [string, string][] => (f.fixes ?? []).map((fix, i) => [fix.title, applyFix(text, f, i)]);
