import { analyzeModels } from '../analysis/models';
import { hasCredentialFields } from '../analysis/credentials';
import { knownOf } from '../analysis/analyze';
import { holdsSecret } from '../analysis/secretScan';
import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../findings';
import { lintWorkflow, redactorFor, SEVERITY_ORDER, type LintOptions, type LintResult } from '../lint';
import type { WorkflowModel } from '../model/workflow';
import { propertyNode } from '../parse/tree';
import { changedRegion } from './changedRegion';
import { leafEditIn, type LeafEdit } from './leafEdit';
import { relocateModel } from './relocateModel';
import { RangeTouchesEdit, withMovedRanges } from './shiftRanges';
import { treeWithLeaf } from './shiftTree';
import { stepFindings } from './stepFindings';

/** How the last result was made: re-checking one edited step, or linting the whole document. */
export type LintPath = 'incremental' | 'full';

/** Findings a literal edit cannot leave as they were: the document no longer parses the same way. */
const WHOLE_DOCUMENT_CODES = new Set(['json-syntax', 'json-comment', 'nesting-too-deep', 'duplicate-key']);
const SECURITY_SKIP = new Set(['model', 'text']);

/**
 * `lintWorkflow` for one document as it is edited, with the same result. An edit confined to one
 * literal value of one step (a threshold, a class name, a prompt) re-checks that step alone and
 * moves every other finding and analysis past the edit: no parse, no whole-document checks. The
 * whole-document checks read names, types, selectors and the shape of values, none of which such
 * an edit changes; and the step's credential, model and written-secret analysis must read the same
 * before and after, or the document is linted in full. Anything else (structure, names, selectors,
 * syntax errors, another catalog or stored secrets) is linted in full.
 */
export class LintSession {
  private previous?: { text: string; result: LintResult; catalog: Catalog; options: LintOptions };
  /** How the latest result was made. */
  lastPath: LintPath = 'full';

  lint(text: string, catalog: Catalog, options: LintOptions = {}): LintResult {
    const previous = this.previous;
    let result: LintResult | undefined;
    if (previous && previous.catalog === catalog && previous.options.cache === options.cache && previous.options.storedSecrets === options.storedSecrets) {
      if (previous.text === text) return previous.result;
      result = this.incremental(previous.text, previous.result, text, catalog, options);
    }
    this.lastPath = result ? 'incremental' : 'full';
    result ??= lintWorkflow(text, catalog, options);
    this.previous = { text, result, catalog, options };
    return result;
  }

  /** Forget the previous document: the next lint is a full one. */
  reset(): void {
    this.previous = undefined;
  }

  private incremental(previousText: string, previous: LintResult, text: string, catalog: Catalog, options: LintOptions): LintResult | undefined {
    const model = previous.model;
    if (!model || !previous.root || previous.findings.some((f) => WHOLE_DOCUMENT_CODES.has(f.code))) return undefined;
    // Custom Python blocks change the catalog steps are checked against: not worth the care here.
    if (propertyNode(model.root, 'dynamic_blocks_definitions')) return undefined;
    const edit = leafEditIn(model, previousText, text, changedRegion(previousText, text));
    if (!edit || !this.stepKeepsItsAnalysis(edit, catalog, options)) return undefined;
    try {
      return this.withEdit(previousText, previous, model, text, edit, catalog, options);
    } catch (error) {
      // A range that an edit overlaps (or absurd nesting): the full lint knows.
      if (error instanceof RangeTouchesEdit || error instanceof RangeError) return undefined;
      throw error;
    }
  }

  /** What the whole-document checks and the security analysis read of the step cannot change. */
  private stepKeepsItsAnalysis(edit: LeafEdit, catalog: Catalog, options: LintOptions): boolean {
    const block = edit.step.block;
    // Unknown blocks are analysed as stand-ins; computed outputs read literals; credentials are literals.
    if (!block || block.dynamicOutputs || hasCredentialFields(block, catalog)) return false;
    if (edit.leaf.type !== 'string') return true;
    const known = knownOf(options.storedSecrets);
    return !holdsSecret(edit.leaf.value as string, edit.key, known) && !holdsSecret(edit.newValue as string, edit.key, known);
  }

  private withEdit(previousText: string, previous: LintResult, model: WorkflowModel, text: string, edit: LeafEdit, catalog: Catalog, options: LintOptions): LintResult | undefined {
    const start = edit.leaf.offset;
    const end = start + edit.leaf.length;
    const move = <T>(value: T, skip?: ReadonlySet<string>) => withMovedRanges(value, start, end, edit.delta, skip);
    const tree = treeWithLeaf(model.root, edit.leaf, edit.newValue, edit.delta);
    const newModel = relocateModel(model, tree.root);
    const step = newModel.steps[edit.step.index];

    // The models the step names (a literal `model_id` is one) must be the same ones.
    const usesBefore = analyzeModels({ ...model, steps: [edit.step] }, catalog).uses;
    const usesAfter = analyzeModels({ ...newModel, steps: [step] }, catalog).uses;
    if (JSON.stringify(move(usesBefore)) !== JSON.stringify(usesAfter)) return undefined;

    const useCache = options.cache ?? true;
    const redactor = redactorFor(options.storedSecrets);
    const before = stepFindings(previousText, model, edit.step, catalog, useCache, redactor);
    const after = stepFindings(text, newModel, step, catalog, useCache, redactor);
    const kept = withoutOnce(previous.findings, before);
    if (!kept) return undefined;
    const findings = insertInOrder(move(kept), after);
    const security = { ...move(previous.security, SECURITY_SKIP), model: newModel, text };
    return { findings, model: newModel, root: tree.root, security };
  }
}

/** `findings` without one copy of each of `removed` (equal in every field), or undefined if one is missing. */
function withoutOnce(findings: readonly Finding[], removed: readonly Finding[]): Finding[] | undefined {
  const result = [...findings];
  for (const finding of removed) {
    const key = JSON.stringify(finding);
    const at = result.findIndex((f) => f.range.offset === finding.range.offset && f.code === finding.code && JSON.stringify(f) === key);
    if (at < 0) return undefined;
    result.splice(at, 1);
  }
  return result;
}

const order = (f: Finding) => [f.range.offset, SEVERITY_ORDER[f.severity]] as const;

/**
 * Adds a step's own findings (in order, as stepFindings gives them) where a full lint puts them: by
 * offset, then severity; among equals before the rest, since the step checks run before the
 * whole-document checks and the security analysis.
 */
function insertInOrder(findings: Finding[], added: readonly Finding[]): Finding[] {
  for (const finding of added) {
    const [offset, severity] = order(finding);
    let at = findings.findIndex((f) => {
      const [o, s] = order(f);
      return o > offset || (o === offset && s >= severity);
    });
    if (at < 0) at = findings.length;
    // Findings of the step already inserted come first among equals (being in order, they are its equals).
    while (at < findings.length && added.includes(findings[at])) at++;
    findings.splice(at, 0, finding);
  }
  return findings;
}
