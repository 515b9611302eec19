import type { Node } from 'jsonc-parser';
import type { FieldSpec } from '../catalog/types';
import type { Finding, Fix } from '../findings';
import type { WorkflowStep } from '../model/workflow';
import { properties, rangeOf } from '../parse/tree';
import { admits, describeTargets, looksLikeSelector, parseLooseSelector, parseSelector, STEP_SELECTOR_PREFIX, type ParsedSelector } from '../selectors';
import { nearest } from '../text/nearest';
import type { SelectorReference, ValidationContext } from './context';
import { suggestionFixes } from './fixes';
import { computedOutputs } from './computedOutputs';
import { kindsCompatible } from './kinds';
import { shadowedAlias } from './fieldAliases';
import { quoteList } from './messages';

/** Selector-capable values of one step property: the value itself, or the items of a list or dict. */
function selectorNodes(value: Node | undefined, field: FieldSpec): Node[] {
  if (!value) return [];
  if (value.type === 'string') return field.containers.includes('single') || !field.containers.length ? [value] : [];
  if (value.type === 'array' && field.containers.includes('list')) return value.children ?? [];
  if (value.type === 'object' && field.containers.includes('dict')) return (value.children ?? []).map((p) => p.children?.[1]).filter((n): n is Node => !!n);
  return [];
}

/** Finds every selector in steps and outputs, checks its syntax and where it may point. */
export function collectReferences(ctx: ValidationContext): void {
  for (const step of ctx.model.steps) {
    if (!step.block || step.node.type !== 'object') continue;
    const present = new Set(properties(step.node).map((p) => p.key));
    for (const p of properties(step.node)) {
      const field = ctx.catalog.field(step.block, p.key);
      if (!field || !field.selectorTargets.length || shadowedAlias(p.key, field, present)) continue;
      for (const node of selectorNodes(p.value, field)) {
        if (node.type !== 'string' || !looksLikeSelector(node.value)) continue;
        const selector = readSelector(ctx, step, p.key, field, node, node === p.value);
        if (selector) ctx.references.push({ selector, node, step, field, property: p.key });
      }
    }
  }
  for (const output of ctx.model.outputs) {
    const node = output.selectorNode;
    if (node?.type !== 'string') continue;
    // An output's selector is plain text to Pydantic; the compiler looks it up by its dots.
    const selector = parseLooseSelector(node.value, 'output');
    if (!selector || selector.kind === 'step') {
      reportSyntax(ctx, node, `Output selector \`${node.value}\` is not valid: use \`$steps.<step>.<output>\`, \`$steps.<step>.*\` for all of a step's outputs, or \`$inputs.<name>\`.`);
      continue;
    }
    ctx.references.push({ selector, node, output, property: 'selector' });
  }
}

/**
 * A string the field's Pydantic type takes as it is (so a `$…` value need not be a selector to
 * pass): a string alternative for the value itself; for the items of a list or dict, any literal
 * alternative (the container's items are then not held to the selector patterns, as in the schemas).
 */
function acceptsPlainText(field: FieldSpec, direct: boolean): boolean {
  return direct ? field.literalTypes.includes('string') || field.literalTypes.includes('any') : field.literalTypes.length > 0;
}

/**
 * What a `$…` value in a step property is to the engine, or undefined (reported) when the engine
 * refuses it. A selector of a shape the field takes is one. Where the field also takes plain text,
 * Pydantic lets any string through and the compiler reads it by its dots, so only a `$steps.<step>`
 * without flow control, or a value naming no node, is refused (by the compiler). Elsewhere Pydantic
 * checks the selector patterns itself, and refuses the document.
 */
function readSelector(ctx: ValidationContext, step: WorkflowStep, property: string, field: FieldSpec, node: Node, direct: boolean): ParsedSelector | undefined {
  const text = node.value as string;
  const strict = parseSelector(text);
  if (strict && admits(field.selectorTargets, strict)) return strict;
  if (acceptsPlainText(field, direct)) {
    const loose = parseLooseSelector(text, 'step');
    if (!loose) {
      reportSyntax(ctx, node, `\`${text}\` is not a selector the server can resolve. \`${property}\` takes ${describeTargets(field.selectorTargets)}, or plain text without a leading \`$\`.`);
      return undefined;
    }
    if (loose.kind !== 'step' || field.selectorTargets.includes('step')) return loose;
    ctx.findings.push({
      code: 'selector-not-allowed',
      severity: 'error',
      message: `\`${property}\` of step \`${step.name ?? '?'}\` takes ${describeTargets(field.selectorTargets)}, not ${describeShape(loose)}: only flow-control steps point at other steps.`,
      range: rangeOf(node),
    });
    return undefined;
  }
  // The engine's flow-control pattern has no end anchor: anything after `$steps.<name>` passes it,
  // and the compiler reads the rest by its dots (a step output is then data: resolve() says so).
  const loose = STEP_SELECTOR_PREFIX.test(text) && field.selectorTargets.includes('step') ? parseLooseSelector(text, 'step') : undefined;
  if (loose && loose.kind !== 'input') return loose;
  reportSyntax(ctx, node, `\`${property}\` of step \`${step.name ?? '?'}\` takes ${describeTargets(field.selectorTargets)}, not ${strict ? describeShape(strict) : `\`${text}\``}; names may use letters, digits, \`_\` and \`-\`.`);
  return undefined;
}

function describeShape(selector: ParsedSelector): string {
  return selector.kind === 'input' ? 'an input (`$inputs.…`)' : selector.kind === 'step' ? 'a step (`$steps.<step>`)' : 'a step output (`$steps.<step>.<output>`)';
}

function reportSyntax(ctx: ValidationContext, node: Node, message: string): void {
  ctx.findings.push({ code: 'invalid-selector', severity: 'error', message, range: rangeOf(node) });
}

/** The range of the name part inside a selector string node, so the squiggle sits on the wrong word. */
function partRange(node: Node, text: string, part: string, after: string) {
  const raw = text.slice(node.offset, node.offset + node.length);
  const at = raw.indexOf(after + part);
  return at < 0 ? rangeOf(node) : { offset: node.offset + at + after.length, length: part.length };
}

function renameFixes(node: Node, text: string, part: string, after: string, suggestions: string[]): Fix[] {
  const range = partRange(node, text, part, after);
  return suggestionFixes(range, suggestions, false);
}

function holder(ref: SelectorReference): string {
  return ref.step ? `\`${ref.property}\` of step \`${ref.step.name ?? '?'}\`` : `output \`${ref.output?.name ?? '?'}\``;
}

/** Resolves every reference: the input, step and output exist, and kinds are compatible. */
export function checkReferences(ctx: ValidationContext): void {
  for (const ref of ctx.references) {
    const finding = resolve(ctx, ref);
    if (finding) ctx.findings.push(finding);
  }
}

function resolve(ctx: ValidationContext, ref: SelectorReference): Finding | undefined {
  const { selector, node } = ref;
  if (selector.kind === 'input') {
    const input = ctx.inputsByName.get(selector.input);
    // Without an `inputs` list (reported already) every input would look missing.
    if (!input && ctx.model.inputsNode?.type !== 'array') return undefined;
    if (!input) {
      const suggestions = nearest(selector.input, ctx.inputsByName.keys());
      return {
        code: 'unknown-input',
        severity: 'error',
        message: `${holder(ref)} references \`$inputs.${selector.input}\`, but there is no input named \`${selector.input}\`.${suggestions.length ? ` Did you mean ${quoteList(suggestions.map((s) => `$inputs.${s}`))}?` : ' Declare it under `inputs`.'}`,
        range: partRange(node, ctx.text, selector.input, '$inputs.'),
        fixes: renameFixes(node, ctx.text, selector.input, '$inputs.', suggestions),
      };
    }
    if (ref.field && !kindsCompatible(ref.field.selectorKinds, input.kinds)) {
      return {
        code: 'kind-mismatch',
        severity: 'error',
        message: `${holder(ref)} accepts kind ${ref.field.selectorKinds.join(' or ')}, but input \`${selector.input}\` is declared ${input.kinds.length ? `as ${input.kinds.join(', ')}` : 'with no kind at all (`"kind": []`)'}. Change the input's \`kind\` (or remove it to accept anything), or reference another input.`,
        range: rangeOf(node),
        related: [{ message: `Input \`${selector.input}\` is declared here`, range: rangeOf(input.kindNode ?? input.nameNode ?? input.node) }],
      };
    }
    return undefined;
  }

  const target = ctx.stepsByName.get(selector.step);
  if (!target && ctx.model.stepsNode?.type !== 'array') return undefined;
  if (!target) {
    const suggestions = nearest(selector.step, ctx.stepsByName.keys());
    return {
      code: 'unknown-step',
      severity: 'error',
      message: `${holder(ref)} references step \`${selector.step}\`, which does not exist.${suggestions.length ? ` Did you mean ${quoteList(suggestions)}?` : ''}`,
      range: partRange(node, ctx.text, selector.step, '$steps.'),
      fixes: renameFixes(node, ctx.text, selector.step, '$steps.', suggestions),
    };
  }
  if (selector.kind === 'step') return undefined;

  const outputs = outputsOf(ctx, target);
  if (!outputs) return undefined; // unknown or dynamic block: outputs cannot be known here
  if (selector.output === '*') {
    if (ref.output || outputs.some((o) => o.name === '*')) return undefined;
    return {
      code: 'unknown-step-output',
      severity: 'error',
      message: `${holder(ref)} references \`$steps.${selector.step}.*\`: a step input cannot take all outputs at once. Name one output: ${quoteList(outputs.map((o) => o.name))}.`,
      range: partRange(node, ctx.text, '*', `${selector.step}.`),
    };
  }
  const output = outputs.find((o) => o.name === selector.output);
  if (output && ref.field?.selectorTargets.every((t) => t === 'step') && !output.kinds.includes('*')) {
    return {
      code: 'selector-not-allowed',
      severity: 'error',
      message: `${holder(ref)} takes steps (\`$steps.<step>\`), not the output \`$steps.${selector.step}.${selector.output}\`. Name the step to continue with.`,
      range: rangeOf(node),
    };
  }
  if (!output) {
    const names = outputs.map((o) => o.name);
    const suggestions = nearest(selector.output, names);
    return {
      code: 'unknown-step-output',
      severity: 'error',
      message: `Step \`${selector.step}\` (${target.block?.humanName ?? target.type}) has no output \`${selector.output}\`; its outputs are ${quoteList(names)}.${suggestions.length ? ` Did you mean \`${suggestions[0]}\`?` : ''}`,
      range: partRange(node, ctx.text, selector.output, `${selector.step}.`),
      related: [{ message: `Step \`${selector.step}\` is defined here`, range: rangeOf(target.nameNode ?? target.node) }],
      fixes: renameFixes(node, ctx.text, selector.output, `${selector.step}.`, suggestions),
    };
  }
  if (ref.field && !kindsCompatible(ref.field.selectorKinds, output.kinds)) {
    return {
      code: 'kind-mismatch',
      severity: 'error',
      message: `${holder(ref)} accepts kind ${ref.field.selectorKinds.join(' or ')}, but \`$steps.${selector.step}.${selector.output}\` is ${output.kinds.join(', ')}. Reference an output of a matching kind.`,
      range: rangeOf(node),
      related: [{ message: `Step \`${selector.step}\` is defined here`, range: rangeOf(target.nameNode ?? target.node) }],
    };
  }
  return undefined;
}

/** Outputs of a step: its block's, or those it computes from its configuration; undefined when unknowable. */
export function outputsOf(ctx: ValidationContext, step: WorkflowStep): { name: string; kinds: string[] }[] | undefined {
  if (!step.block) return undefined;
  return step.block.dynamicOutputs ? computedOutputs(step, step.block, ctx.catalog) : step.block.outputs;
}
