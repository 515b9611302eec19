import { ancestors, entries, freshName, names, selectorSites, setAt, type Json, type JsonObject, type SelectorSite } from './definition';
import type { MutationContext, Mutated } from './types';

/** Mutations of batch structure: dimensionality and lineage of step inputs, and flow-control targets. */

function holder(ctx: MutationContext, site: SelectorSite): JsonObject {
  return (ctx.definition.steps as JsonObject[])[site.index];
}

function inputType(ctx: MutationContext, name: string): Json | undefined {
  return entries(ctx.definition, 'inputs').find((e) => e.value.name === name)?.value.type;
}

/** Steps whose outputs are one level deeper than their inputs (crops, slices), with their outputs. */
function deepeningSteps(ctx: MutationContext): { name: string; outputs: { name: string; kinds: string[] }[] }[] {
  return entries(ctx.definition, 'steps').flatMap(({ value }) => {
    const block = ctx.blocks.block(value.type);
    return block && (block.dimensionality?.outputOffset ?? 0) > 0 && typeof value.name === 'string' ? [{ name: value.name, outputs: block.outputs }] : [];
  });
}

function fieldKinds(ctx: MutationContext, site: SelectorSite): string[] | undefined {
  const block = ctx.blocks.block(holder(ctx, site).type);
  const field = block && ctx.blocks.field(block, site.property);
  return field?.selectorKinds;
}

const fits = (accepted: string[] | undefined, provided: string[]) => !accepted || accepted.includes('*') || provided.includes('*') || provided.some((k) => accepted.includes(k));

function addInput(ctx: MutationContext, input: JsonObject): string {
  const name = freshName(names(ctx.definition, 'inputs'), input.name as string);
  (ctx.definition.inputs as Json[]).push({ ...input, name });
  return name;
}

export function lineage(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const sites = selectorSites(definition).filter((s) => s.section === 'steps' && s.target && s.target.kind !== 'step');
  const roll = rng.next();
  if (roll < 0.3) {
    // Crops or slices fed where the whole images (or their predictions) were expected.
    const deep = rng.pick(deepeningSteps(ctx));
    if (!deep) return undefined;
    const candidates = sites.flatMap((site) => {
      const name = holder(ctx, site).name as string;
      if (name === deep.name || ancestors(definition, deep.name).has(name)) return [];
      return deep.outputs.filter((o) => fits(fieldKinds(ctx, site), o.kinds)).map((o) => ({ site, selector: `$steps.${deep.name}.${o.name}` }));
    });
    const pick = rng.pick(candidates.filter((c) => c.selector !== c.site.value));
    if (!pick) return undefined;
    setAt(definition, pick.site.path, pick.selector);
    return { variant: 'deeper-batch-in', label: `${pick.site.path.join('.')}: ${pick.site.value} → ${pick.selector}`, definition };
  }
  if (roll < 0.5) {
    // A second image input: one property of a step now reads another batch.
    const site = rng.pick(sites.filter((s) => s.target?.kind === 'input' && ['WorkflowImage', 'InferenceImage'].includes(inputType(ctx, s.target.input) as string)));
    if (!site) return undefined;
    const name = addInput(ctx, { type: 'WorkflowImage', name: 'other_image' });
    setAt(definition, site.path, `$inputs.${name}`);
    return { variant: 'second-image', label: `${site.path.join('.')}: ${site.value} → another image input`, definition };
  }
  if (roll < 0.65) {
    // The parent batch fed into a step that works on crops.
    const deepNames = new Set(deepeningSteps(ctx).map((d) => d.name));
    const readsDeep = new Set(sites.filter((s) => s.target?.kind === 'step_output' && deepNames.has(s.target.step)).map((s) => s.index));
    const site = rng.pick(sites.filter((s) => readsDeep.has(s.index) && !(s.target?.kind === 'step_output' && deepNames.has(s.target.step))));
    const image = rng.pick(entries(definition, 'inputs').filter((e) => ['WorkflowImage', 'InferenceImage'].includes(e.value.type as string)));
    if (!site || !image) return undefined;
    setAt(definition, site.path, `$inputs.${image.value.name}`);
    return { variant: 'parent-batch-in', label: `${site.path.join('.')}: ${site.value} → $inputs.${image.value.name} in a step working on crops`, definition };
  }
  if (roll < 0.8) {
    // A batch where one value per run was expected (a parameter's place).
    const site = rng.pick(sites.filter((s) => s.target?.kind === 'input' && ['WorkflowParameter', 'InferenceParameter'].includes(inputType(ctx, s.target.input) as string)));
    if (!site) return undefined;
    const dimensionality = rng.pick([1, 1, 2])!;
    const name = addInput(ctx, { type: 'WorkflowBatchInput', name: 'batch_values', dimensionality });
    setAt(definition, site.path, `$inputs.${name}`);
    return { variant: `batch-for-parameter/dim-${dimensionality}`, label: `${site.path.join('.')}: ${site.value} → a batch input (dimensionality ${dimensionality})`, definition };
  }
  if (roll < 0.9) {
    // One value per run where a batch was expected (an image's place).
    const site = rng.pick(sites.filter((s) => s.target?.kind === 'input' && ['WorkflowImage', 'InferenceImage', 'WorkflowBatchInput'].includes(inputType(ctx, s.target.input) as string)));
    if (!site) return undefined;
    const name = addInput(ctx, { type: 'WorkflowParameter', name: 'single_value' });
    setAt(definition, site.path, `$inputs.${name}`);
    return { variant: 'parameter-for-batch', label: `${site.path.join('.')}: ${site.value} → a WorkflowParameter`, definition };
  }
  // A collapse of a level that is not there (dimension_collapse of top-level data).
  const site = rng.pick(sites.filter((s) => s.target?.kind === 'step_output'));
  if (!site) return undefined;
  const stepName = freshName(names(definition, 'steps'), 'collapse');
  (definition.steps as Json[]).push({ type: 'roboflow_core/dimension_collapse@v1', name: stepName, data: site.value });
  (definition.outputs as Json[]).push({ type: 'JsonField', name: freshName(names(definition, 'outputs'), 'collapsed'), selector: `$steps.${stepName}.output` });
  return { variant: 'collapse', label: `dimension_collapse of ${site.value} added`, definition };
}

const CONDITION = {
  type: 'StatementGroup',
  statements: [
    {
      type: 'BinaryStatement',
      left_operand: { type: 'DynamicOperand', operand_name: 'value', operations: [] },
      comparator: { type: '(Number) >=' },
      right_operand: { type: 'StaticOperand', value: 1 },
    },
  ],
};

export function flowControl(ctx: MutationContext): Mutated | undefined {
  const { rng, definition } = ctx;
  const flowSites = selectorSites(definition).filter((s) => s.section === 'steps' && s.target?.kind === 'step');
  const stepNames = names(definition, 'steps');
  if (flowSites.length && rng.chance(0.6)) {
    const site = rng.pick(flowSites)!;
    const controller = holder(ctx, site).name as string;
    const other = rng.pick(stepNames.filter((n) => n !== controller)) ?? controller;
    const image = rng.pick(names(definition, 'inputs')) ?? 'image';
    const choices: [string, Json][] = [
      ['step-output', `$steps.${other}.predictions`],
      ['input', `$inputs.${image}`],
      ['missing-step', `$steps.${other}_gone`],
      ['itself', `$steps.${controller}`],
      ['no-dollar', other],
      ['another-step', `$steps.${other}`],
    ];
    const roll = rng.next();
    if (roll < 0.15) {
      const list = (definition.steps as JsonObject[])[site.index][site.property];
      if (!Array.isArray(list)) return undefined;
      list.push(site.value);
      return { variant: 'duplicate-target', label: `${site.path.join('.')} listed twice`, definition };
    }
    if (roll < 0.25) {
      const step = (definition.steps as JsonObject[])[site.index];
      if (!Array.isArray(step[site.property])) return undefined;
      step[site.property] = [];
      return { variant: 'no-targets', label: `steps[${site.index}].${site.property} emptied`, definition };
    }
    const [variant, value] = rng.pick(choices)!;
    setAt(definition, site.path, value);
    return { variant, label: `${site.path.join('.')}: ${site.value} → ${JSON.stringify(value)}`, definition };
  }
  // A new flow-control step that gates an existing step, deciding on some value of the definition.
  const dataSites = selectorSites(definition).filter((s) => s.target && s.target.kind !== 'step');
  const data = rng.pick(dataSites);
  const target = rng.pick(stepNames);
  if (!data || !target) return undefined;
  const source = data.target?.kind === 'step_output' ? data.target.step : undefined;
  const name = freshName(stepNames, 'gate');
  const kind = rng.pick(['continue_if', 'continue_if', 'rate_limiter'] as const)!;
  const step: JsonObject =
    kind === 'continue_if'
      ? { type: 'roboflow_core/continue_if@v1', name, condition_statement: CONDITION, evaluation_parameters: { value: data.value }, next_steps: [`$steps.${target}`] }
      : { type: 'roboflow_core/rate_limiter@v1', name, cooldown_seconds: 1, depends_on: data.value, next_steps: [`$steps.${target}`] };
  (definition.steps as Json[]).push(step);
  const upstream = source !== undefined && (source === target || ancestors(definition, source).has(target));
  return { variant: `inject-${kind}${upstream ? '/gates-own-source' : ''}`, label: `${kind} on ${data.value} gating \`${target}\``, definition };
}
