import type { ErrorObject } from 'ajv';
import type { BlockSpec, FieldSpec } from '../catalog/types';
import type { Finding, Fix } from '../findings';
import type { WorkflowStep } from '../model/workflow';
import { properties, rangeOf, valueNode } from '../parse/tree';
import { looksLikeSelector } from '../selectors';
import { hasNestedSchema, stepValidator } from '../schema/stepSchemas';
import { nearest } from '../text/nearest';
import { setProperties } from '../text/jsonEdits';
import type { ValidationContext } from './context';
import { convertedValueFinding } from './convertedValues';
import { nestedValueFindings } from './nestedValues';
import { numericBoundFindings } from './numericBounds';
import { shadowedAlias } from './fieldAliases';
import { CUSTOM_PYTHON, customStepValueFindings } from './customBlocks';
import { suggestionFixes } from './fixes';
import { describeAccepted, describeValue, quoteList, unreferenceableNameMessage } from './messages';
import { cachedVerdict, rememberVerdict } from './schemaVerdicts';
import { deepestError, groupByProperty, nodeForInstancePath, unescapeSegment } from './schemaErrors';

const STEP_KEYS = new Set(['type', 'name']);

/** Each step against the schema of its own `type` only (never a union of every block). */
export function checkSteps(ctx: ValidationContext): void {
  for (const step of ctx.model.steps) {
    if (step.node.type !== 'object') {
      ctx.findings.push({ code: 'wrong-type', severity: 'error', message: 'Each step must be an object with `type`, `name` and the block\'s properties.', range: rangeOf(step.node) });
      continue;
    }
    if (!step.nameNode) {
      ctx.findings.push({
        code: 'missing-property',
        severity: 'error',
        message: 'This step has no `name`. Add `"name": "<unique name>"`: other steps and outputs reference it as `$steps.<name>`.',
        range: step.typeNode ? rangeOf(step.typeNode) : { offset: step.node.offset, length: 1 },
      });
    } else if (step.name === undefined) {
      ctx.findings.push({ code: 'invalid-value', severity: 'error', message: 'A step `name` must be a string.', range: rangeOf(step.nameNode) });
    } else if (!/^[A-Za-z0-9_-]+$/.test(step.name)) {
      ctx.findings.push({
        code: 'unreferenceable-name',
        severity: 'warning',
        message: unreferenceableNameMessage('Step', step.name, '$steps.'),
        range: rangeOf(step.nameNode),
      });
    }
    if (!step.typeNode) {
      ctx.findings.push({ code: 'missing-property', severity: 'error', message: 'This step has no `type`. Add the block type, e.g. `"type": "roboflow_core/roboflow_object_detection_model@v2"`.', range: { offset: step.node.offset, length: 1 } });
      continue;
    }
    if (step.type === undefined) {
      ctx.findings.push({ code: 'invalid-value', severity: 'error', message: 'A step `type` must be a string naming a block, e.g. `roboflow_core/roboflow_object_detection_model@v2`.', range: rangeOf(step.typeNode) });
      continue;
    }
    if (!step.block) {
      if (ctx.customTypes.has(step.type)) continue; // its refused definition is reported where it is written
      const newestKnown = ctx.catalog.newestOlderVersion(step.type);
      if (newestKnown) reportNewerThanCatalog(ctx, step, newestKnown);
      else reportUnknownType(ctx, step);
      continue;
    }
    checkAgainstBlock(ctx, step, step.block);
  }
}

function reportUnknownType(ctx: ValidationContext, step: WorkflowStep): void {
  const suggestions = nearest(step.type!, ctx.catalog.typeIds);
  ctx.findings.push({
    code: 'unknown-block-type',
    severity: 'error',
    message:
      `Unknown block type \`${step.type}\`.` +
      (suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : ' Check the spelling and the version suffix (`@v1`, `@v2`, …).') +
      ` (Catalog: ${ctx.catalog.data.source}; a self-hosted server with custom blocks may know more: refresh the catalog from it.)`,
    range: rangeOf(step.typeNode!),
    fixes: suggestionFixes(rangeOf(step.typeNode!), suggestions),
  });
}

/**
 * A newer release of a known block (the server may well run it): a warning, and the step is left
 * unchecked like any step of unknown type, so its fields and its outputs raise no false errors.
 */
function reportNewerThanCatalog(ctx: ValidationContext, step: WorkflowStep, newestKnown: string): void {
  ctx.findings.push({
    code: 'block-newer-than-catalog',
    severity: 'warning',
    message:
      `\`${step.type}\` is newer than the block catalog (${ctx.catalog.data.source}, newest known: \`${newestKnown}\`). ` +
      'Refresh the catalog from your server to check this step; until then its fields and outputs are not checked.',
    range: rangeOf(step.typeNode!),
  });
}

function checkAgainstBlock(ctx: ValidationContext, step: WorkflowStep, block: BlockSpec): void {
  const props = properties(step.node);
  const present = new Set(props.map((p) => p.key));

  // Required fields, honouring the alias spelling (`image` for `images`).
  const missing = block.fields.filter((f) => f.required && !present.has(f.name) && !f.aliases?.some((a) => present.has(a)));
  if (missing.length) {
    ctx.findings.push({
      code: 'missing-required-field',
      severity: 'error',
      message: `${block.humanName} step \`${step.name ?? '?'}\` is missing ${missing.length === 1 ? 'required field' : 'required fields'} ${quoteList(missing.map((f) => f.name))}. ${missing.map((f) => `\`${f.name}\` takes ${describeAccepted(f)}`).join('; ')}.`,
      range: rangeOf(step.typeNode!),
      fixes: addFieldsFix(ctx, step, missing),
    });
  }

  // Unknown properties: the engine drops them silently, so a typo silently changes behaviour.
  for (const p of props) {
    if (STEP_KEYS.has(p.key)) continue;
    const known = ctx.catalog.field(block, p.key);
    if (known && shadowedAlias(p.key, known, present)) {
      ctx.findings.push({
        code: 'unknown-property',
        severity: 'warning',
        message: `\`${p.key}\` is another spelling of \`${known.name}\`, which is set too: the server reads \`${known.name}\` and ignores this one. Remove it.`,
        range: rangeOf(p.keyNode),
      });
      continue;
    }
    if (known) continue;
    const names = ctx.catalog.propertyNames(block);
    const suggestions = nearest(p.key, names.filter((n) => !present.has(n)));
    ctx.findings.push({
      code: 'unknown-property',
      severity: 'warning',
      message:
        `${block.humanName} (\`${block.type}\`) has no property \`${p.key}\`; the server ignores it silently.` +
        (suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : ` Its properties are ${quoteList(names.slice(0, 12))}${names.length > 12 ? ', …' : ''}.`),
      range: rangeOf(p.keyNode),
      fixes: suggestionFixes(rangeOf(p.keyNode), suggestions),
    });
  }

  const validate = stepValidator(block.type);
  if (!validate) {
    // A custom Python block has no precompiled schema: its manifest says what its inputs take.
    if (block.blockType === CUSTOM_PYTHON) ctx.findings.push(...customStepValueFindings(step, block, (name) => ctx.catalog.field(block, name)));
    return;
  }
  const key = ctx.useCache ? `${block.type}\u0000${ctx.text.slice(step.node.offset, step.node.offset + step.node.length)}` : '';
  let errors = ctx.useCache ? cachedVerdict(ctx.catalog, key) : undefined;
  if (errors === undefined) {
    errors = validate(ctx.plainValue('steps', step.index, step.node)) ? null : [...(validate.errors ?? [])];
    if (ctx.useCache) rememberVerdict(ctx.catalog, key, errors);
  }
  const fieldName = (property: string) => {
    const field = ctx.catalog.field(block, property);
    return field && !shadowedAlias(property, field, present) ? field.name : undefined;
  };
  ctx.findings.push(...numericBoundFindings(step, block, fieldName));
  if (!errors) return;
  const value = ctx.plainValue('steps', step.index, step.node) as Record<string, unknown>;
  for (const [property, group] of groupByProperty(errors)) {
    if (!property || STEP_KEYS.has(property)) continue; // type/name problems are reported above
    const field = ctx.catalog.field(block, property);
    if (!field || shadowedAlias(property, field, present)) continue;
    // A `$…` value failing the selector patterns: the reference checks say why, in selector terms.
    if (field.selectorTargets.length && group.every((e) => looksLikeSelector(nodeForInstancePath(step.node, e.instancePath).value))) continue;
    const where = `\`${property}\` of ${block.humanName} step \`${step.name ?? '?'}\``;
    if (hasNestedSchema(block.type, field.name)) {
      const revalidate = (converted: unknown) => (validate({ ...value, [property]: converted }) ? [] : (validate.errors ?? []).filter((e) => e.instancePath === `/${property}` || e.instancePath.startsWith(`/${property}/`)));
      ctx.findings.push(...nestedValueFindings(where, step.node, value[property], group, revalidate));
      continue;
    }
    const node = valueNode(step.node, property);
    const stillFails = (converted: unknown) => !validate({ ...value, [property]: converted }) && (validate.errors ?? []).some((e) => e.instancePath.split('/')[1] === property);
    const converted = node && convertedValueFinding(where, value[property], field.literalTypes, node, stillFails);
    ctx.findings.push(converted || fieldFinding(step, block, property, field, group, value));
  }
}

function fieldFinding(step: WorkflowStep, block: BlockSpec, property: string, field: FieldSpec, errors: ErrorObject[], stepValue: Record<string, unknown>): Finding {
  const error = deepestError(errors);
  const node = nodeForInstancePath(step.node, error.instancePath);
  const value = stepValue[property];
  const fixes: Fix[] = [];
  if (typeof value === 'string' && field.enumValues?.length) {
    const suggestions = nearest(value, field.enumValues.filter((v): v is string => typeof v === 'string'));
    fixes.push(...suggestionFixes(rangeOf(node), suggestions));
  }
  const below = error.instancePath.split('/').slice(2).map(unescapeSegment);
  const where = below.length ? ` (at ${below.join('/')})` : '';
  return {
    code: 'invalid-value',
    severity: 'error',
    message: `\`${property}\` of ${block.humanName} step \`${step.name ?? '?'}\` takes ${describeAccepted(field)}, not ${describeValue(value)}${where}.${fixes.length ? ` Did you mean ${JSON.stringify(fixes[0].title.slice('Change to '.length))}?` : ''}`,
    range: rangeOf(node),
    fixes,
  };
}

function placeholder(field: FieldSpec): unknown {
  if (field.selectorTargets.length && !field.literalTypes.length) return field.selectorTargets.includes('step') ? '$steps.' : '$inputs.';
  if (field.enumValues?.length) return field.enumValues[0];
  switch (field.literalTypes[0]) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return '';
  }
}

/** Inserts the missing fields with placeholders, formatted like the rest of the step. */
function addFieldsFix(ctx: ValidationContext, step: WorkflowStep, missing: FieldSpec[]): Fix[] {
  const edit = setProperties(ctx.text, ['steps', step.index], missing.map((f) => [f.name, placeholder(f)]));
  return edit ? [{ title: `Add missing ${missing.length === 1 ? 'field' : 'fields'} ${missing.map((f) => f.name).join(', ')}`, edits: [edit] }] : [];
}
