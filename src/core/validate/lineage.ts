import type { Node } from 'jsonc-parser';
import type { BatchSpec, FieldSpec } from '../catalog/types';
import type { Finding } from '../findings';
import type { WorkflowInput, WorkflowStep } from '../model/workflow';
import { rangeOf, valueNode } from '../parse/tree';
import type { SelectorReference, ValidationContext } from './context';
import { ownValue } from '../ownProperties';

/**
 * The engine's batch model (graph_constructor.py), decided statically: every value has a lineage,
 * the chain of batches it belongs to (length = dimensionality). It yields the compile errors
 * StepInputDimensionalityError, StepInputLineageError and ControlFlowDefinitionError, and the
 * "batch into a non-batch property" ExecutionGraphStructureError. Steps whose lineage cannot be
 * known (unknown blocks, inner workflows) are skipped, and so is everything downstream of them.
 */

type Lineage = readonly string[];
const WORKFLOW_INPUT = '<workflow_input>';
const DEFAULT_BATCH: BatchSpec = { outputOffset: 0, acceptsBatchInput: false, batchParameters: [], batchOrScalarParameters: [], autoBatchCasting: [] };

// Lineages are shared, immutable arrays (one per input and per step): compute each key once.
const keys = new WeakMap<Lineage, string>();
function key(lineage: Lineage): string {
  let k = keys.get(lineage);
  if (k === undefined) keys.set(lineage, (k = lineage.join('\u0000')));
  return k;
}

function inputLineage(input: WorkflowInput): Lineage {
  if (input.type === 'WorkflowParameter' || input.type === 'InferenceParameter') return [];
  // Each nested level of a batch input is its own batch, shared with nothing else.
  return [WORKFLOW_INPUT, ...Array.from({ length: Math.max(0, input.dimensionality - 1) }, (_, i) => `<input:${input.name}:${i + 1}>`)];
}

/** Words for where a lineage's innermost batch comes from. */
function describeLineage(lineage: Lineage): string {
  const last = lineage[lineage.length - 1];
  if (!last) return 'a single value (not a batch)';
  if (last === WORKFLOW_INPUT) return 'one item per input image';
  const nested = /^<input:(.+):(\d+)>$/.exec(last);
  if (nested) return `the nested batch input \`${nested[1]}\` (depth ${lineage.length})`;
  return `one item per ${last.replace('$steps.', 'output of `')}\` (depth ${lineage.length})`;
}

interface PropertyInput {
  field: FieldSpec;
  refs: { ref: SelectorReference; lineage: Lineage }[];
  compound: boolean;
  cast: boolean;
}

const compatibilities = new WeakMap<FieldSpec, Set<boolean>>();

/** Which batch-ness a property accepts (schema_parser.py's points_to_batch); fixed per field. */
function compatibility(field: FieldSpec, batch: BatchSpec): Set<boolean> {
  let result = compatibilities.get(field);
  if (result) return result;
  result = new Set<boolean>();
  compatibilities.set(field, result);
  for (const target of field.selectorTargets) {
    if (target === 'workflow_image' || target === 'step_output' || target === 'workflow_video_metadata') result.add(true);
    else if (target === 'workflow_parameter' || target === 'step') result.add(false);
    else if (batch.batchOrScalarParameters.includes(field.name)) {
      result.add(true);
      if (!batch.autoBatchCasting.includes(field.name)) result.add(false);
    } else result.add(batch.batchParameters.includes(field.name) || batch.autoBatchCasting.includes(field.name));
  }
  return result;
}

function topologicalOrder(ctx: ValidationContext): WorkflowStep[] | undefined {
  const steps = [...ctx.stepsByName.values()];
  const incoming = new Map<WorkflowStep, number>(steps.map((s) => [s, 0]));
  const outgoing = new Map<WorkflowStep, WorkflowStep[]>();
  for (const ref of ctx.references) {
    if (!ref.step || ref.selector.kind === 'input') continue;
    const other = ctx.stepsByName.get(ref.selector.step);
    if (!other || !incoming.has(ref.step)) continue;
    const [from, to] = ref.selector.kind === 'step' ? [ref.step, other] : [other, ref.step];
    (outgoing.get(from) ?? outgoing.set(from, []).get(from)!).push(to);
    incoming.set(to, incoming.get(to)! + 1);
  }
  const order = steps.filter((s) => incoming.get(s) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const next of outgoing.get(order[i]) ?? []) {
      incoming.set(next, incoming.get(next)! - 1);
      if (incoming.get(next) === 0) order.push(next);
    }
  }
  return order.length === steps.length ? order : undefined; // a cycle: reported elsewhere
}

export function checkLineage(ctx: ValidationContext): void {
  const order = topologicalOrder(ctx);
  if (!order) return;
  const stepLineage = new Map<WorkflowStep, Lineage | undefined>();
  const refsByStep = new Map<WorkflowStep, SelectorReference[]>();
  const controllers = new Map<WorkflowStep, { controller: WorkflowStep; ref: SelectorReference }[]>();
  for (const ref of ctx.references) {
    if (!ref.step) continue;
    if (ref.selector.kind === 'step') {
      const target = ctx.stepsByName.get(ref.selector.step);
      if (target) (controllers.get(target) ?? controllers.set(target, []).get(target)!).push({ controller: ref.step, ref });
    } else (refsByStep.get(ref.step) ?? refsByStep.set(ref.step, []).get(ref.step)!).push(ref);
  }

  const flowControllers = new Set([...controllers.values()].flatMap((list) => list.map((c) => c.controller)));
  const inputLineages = new Map<WorkflowInput, Lineage>();
  const lineageOf = (ref: SelectorReference): Lineage | undefined | null => {
    if (ref.selector.kind === 'input') {
      const input = ctx.inputsByName.get(ref.selector.input);
      if (!input) return undefined;
      let lineage = inputLineages.get(input);
      if (!lineage) inputLineages.set(input, (lineage = inputLineage(input)));
      return lineage;
    }
    if (ref.selector.kind !== 'step_output') return null;
    const source = ctx.stepsByName.get(ref.selector.step);
    if (!source) return undefined;
    // Outputs of flow-control steps are not data: the engine treats such a value as static.
    if (flowControllers.has(source)) return null;
    return stepLineage.get(source);
  };

  for (const step of order) {
    const block = step.block;
    if (!block || block.type === 'roboflow_core/inner_workflow@v1') {
      stepLineage.set(step, undefined);
      continue;
    }
    const batch = block.dimensionality ?? DEFAULT_BATCH;
    // The engine refuses a negative input offset before any batch is looked at (customBlocks/stepValues.ts says so).
    if (Object.values(batch.inputOffsets ?? {}).some((offset) => offset < 0)) {
      stepLineage.set(step, undefined);
      continue;
    }
    const properties = new Map<FieldSpec, PropertyInput>();
    let unknown = false;
    for (const ref of refsByStep.get(step) ?? []) {
      if (!ref.field) continue;
      const lineage = lineageOf(ref);
      if (lineage === null) continue;
      if (lineage === undefined) {
        unknown = true;
        break;
      }
      const value = valueNode(step.node, ref.property);
      const entry = properties.get(ref.field) ?? { field: ref.field, refs: [], compound: value?.type === 'array' || value?.type === 'object', cast: false };
      entry.refs.push({ ref, lineage });
      properties.set(ref.field, entry);
    }
    const flowLineages = (controllers.get(step) ?? []).map((c) => ({ ...c, lineage: stepLineage.get(c.controller) }));
    if (unknown || flowLineages.some((c) => c.lineage === undefined)) {
      stepLineage.set(step, undefined);
      continue;
    }
    const ordered = block.fields.map((f) => properties.get(f)).filter((p): p is PropertyInput => !!p);
    const findings: Finding[] = [];
    checkBatchAcceptance(step, batch, ordered, findings);
    for (const property of ordered) {
      const compat = compatibility(property.field, batch);
      property.cast = compat.size === 1 && compat.has(true) && property.refs.some((r) => r.lineage.length === 0);
    }
    if (!findings.length) checkOutputOffset(step, batch, ordered, findings);
    const data = collectLineages(step, ordered, findings);
    checkDimensionality(step, batch, ordered, findings);
    if (!findings.length) checkLevels(step, data, findings);
    const flow = flowLineages.filter((c) => c.lineage!.length > 0) as { controller: WorkflowStep; ref: SelectorReference; lineage: Lineage }[];
    if (!findings.length) checkControlFlow(step, data.map((d) => d.lineage), flow, findings);
    ctx.findings.push(...findings);
    stepLineage.set(step, findings.length ? undefined : outputLineage(step, batch, ordered, data, flow));
  }
}

function checkBatchAcceptance(step: WorkflowStep, batch: BatchSpec, properties: PropertyInput[], findings: Finding[]): void {
  if (!batch.acceptsBatchInput) return;
  for (const property of properties) {
    const compat = compatibility(property.field, batch);
    if (compat.size !== 1 || !compat.has(false)) continue;
    const batched = property.refs.find((r) => r.lineage.length > 0);
    if (!batched) continue;
    findings.push({
      code: 'batch-not-accepted',
      severity: 'error',
      message: `\`${property.field.name}\` of step \`${step.name}\` takes a single value, but \`${batched.ref.node.value}\` is a batch (${describeLineage(batched.lineage)}). Use a workflow parameter or a literal here.`,
      range: rangeOf(batched.ref.node),
    });
  }
}

/**
 * The engine's verify_output_offset, for what a document controls: a step that collapses a level
 * needs a batch to collapse, a block whose outputs take their depth from one property needs a batch
 * in that property, and a block declaring input offsets must keep a level-0 input and name a
 * reference. A custom block can break the last rules; a built-in block meets them.
 */
function checkOutputOffset(step: WorkflowStep, batch: BatchSpec, properties: PropertyInput[], findings: Finding[]): void {
  const refuse = (message: string, node?: Node): void => {
    findings.push({ code: 'dimensionality-mismatch', severity: 'error', message, range: rangeOf(node ?? step.typeNode ?? step.node) });
  };
  // A single value the engine casts to a batch counts as one.
  const batched = properties.filter((p) => p.cast || p.refs.some((r) => r.lineage.length > 0));
  if (batch.outputOffset < 0 && !batched.length && !step.block?.fields.some((f) => refusedBySchema(step, f, properties))) {
    return refuse(`Step \`${step.name}\` collapses a level of batches, but gets no batch at all: there is nothing to collapse. Feed it a step output or a batch input.`);
  }
  const reference = batch.referenceProperty;
  if (reference && !batched.some((p) => p.field.name === reference)) {
    const given = properties.find((p) => p.field.name === reference);
    const written = valueNode(step.node, reference);
    const field = step.block?.fields.find((f) => f.name === reference);
    if (field && refusedBySchema(step, field, properties)) return;
    return refuse(
      `\`${reference}\` of step \`${step.name}\` sets how deep the step's outputs are, so it must be a batch (a step output or a batch input)${given ? `, not the single value \`${given.refs[0].ref.node.value}\`` : ''}.`,
      given?.refs[0].ref.node ?? written,
    );
  }
  const declared = Object.entries(batch.inputOffsets ?? {});
  if (!declared.length) return;
  const offsets = new Set(declared.map(([, offset]) => offset));
  const listed = declared.map(([name, offset]) => `\`${name}\` ${offset}`).join(', ');
  // The engine compares counts, not names: as many batched properties as declared offsets means, to it,
  // that every batch sits at a declared offset and none at level 0.
  if (batched.length !== declared.length) offsets.add(0);
  if (!offsets.has(0) && batched.length) {
    return refuse(
      `Step \`${step.name}\` cannot run: its block declares input offsets (${listed}), and the server then wants more properties fed with batches than offsets declared, so that one is at level 0; here ${count(batched.length, 'property gets', 'properties get')} a batch and ${count(declared.length, 'offset is', 'offsets are')} declared. Feed a batch to one more property, or set the offsets to 0.`,
    );
  }
  if (offsets.size > 1 && !reference) {
    return refuse(`Step \`${step.name}\` cannot run: its block takes inputs at different depths (offsets ${listed}) but names no dimensionality reference. Mark one input of the block \`is_dimensionality_reference\`.`);
  }
  if (offsets.size > 1 && batch.outputOffset !== 0) {
    return refuse(`Step \`${step.name}\` cannot run: its block takes inputs at different depths (offsets ${listed}), so its \`output_dimensionality_offset\` must be 0, not ${batch.outputOffset}.`);
  }
}

/**
 * A field left out while required, or written as a literal where it takes only selectors: reported
 * as such, and the engine stops at that (Pydantic) error before it looks at any batch.
 */
function refusedBySchema(step: WorkflowStep, field: FieldSpec, properties: PropertyInput[]): boolean {
  if (properties.some((p) => p.field.name === field.name)) return false;
  const written = [field.name, ...(field.aliases ?? [])].some((name) => valueNode(step.node, name));
  return written ? !field.literalTypes.length : field.required;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Data lineages in field order, deduplicated across fields (the engine's own order of checks). */
function collectLineages(step: WorkflowStep, properties: PropertyInput[], findings: Finding[]): { lineage: Lineage; node: Node; property: string }[] {
  const seen = new Map<string, { lineage: Lineage; node: Node; property: string }>();
  // A property the engine casts still hands on the batches written in it (get_input_data_lineage_excluding_auto_batch_casting).
  for (const property of properties) {
    const fresh = new Map<string, { lineage: Lineage; node: Node; property: string }>();
    for (const { ref, lineage } of property.refs) {
      if (!lineage.length || seen.has(key(lineage))) continue;
      if (!fresh.has(key(lineage))) fresh.set(key(lineage), { lineage, node: ref.node, property: property.field.name });
    }
    if (property.compound && fresh.size > 1) {
      const [first, second] = [...fresh.values()];
      findings.push({
        code: 'lineage-mismatch',
        severity: 'error',
        message: `\`${property.field.name}\` of step \`${step.name}\` mixes batches of different origins: \`${first.node.value}\` is ${describeLineage(first.lineage)}, \`${second.node.value}\` is ${describeLineage(second.lineage)}. Take every value from the same batch.`,
        range: rangeOf(second.node),
        related: [{ message: `${describeLineage(first.lineage)}`, range: rangeOf(first.node) }],
      });
    }
    for (const [k, v] of fresh) seen.set(k, v);
  }
  return [...seen.values()];
}

function checkDimensionality(step: WorkflowStep, batch: BatchSpec, properties: PropertyInput[], findings: Finding[]): void {
  const offsets = batch.inputOffsets ?? {};
  const levels = new Map<number, { node: Node; property: string; lineage: Lineage }>();
  for (const property of properties) {
    if ((ownValue(offsets, property.field.name) ?? 0) > 0 || property.cast) continue;
    for (const { ref, lineage } of property.refs) if (lineage.length && !levels.has(lineage.length)) levels.set(lineage.length, { node: ref.node, property: property.field.name, lineage });
  }
  if (levels.size > 1) {
    const [a, b] = [...levels.values()];
    findings.push({
      code: 'dimensionality-mismatch',
      severity: 'error',
      message: `Step \`${step.name}\` gets inputs at different batch depths: \`${a.property}\` is ${describeLineage(a.lineage)}, \`${b.property}\` is ${describeLineage(b.lineage)}. Feed it data of one depth (use detections_stitch or dimension_collapse to go back up a level).`,
      range: rangeOf(b.node),
      related: [{ message: `\`${a.property}\` is ${describeLineage(a.lineage)}`, range: rangeOf(a.node) }],
    });
    return;
  }
  const reference = batch.referenceProperty && properties.find((p) => p.field.name === batch.referenceProperty);
  const referenceDepth = reference ? Math.max(0, ...reference.refs.map((r) => r.lineage.length)) : 0;
  if (!reference || !referenceDepth) return;
  for (const property of properties) {
    const depth = Math.max(0, ...property.refs.map((r) => r.lineage.length));
    if (!depth || property === reference) continue;
    const expected = (ownValue(offsets, property.field.name) ?? 0) - (ownValue(offsets, batch.referenceProperty!) ?? 0) + referenceDepth;
    if (depth === expected) continue;
    const node = property.refs.find((r) => r.lineage.length === depth)!.ref.node;
    findings.push({
      code: 'dimensionality-mismatch',
      severity: 'error',
      message: `\`${property.field.name}\` of step \`${step.name}\` must be ${expected - referenceDepth > 0 ? 'one level deeper than' : 'at the same depth as'} \`${batch.referenceProperty}\` (depth ${expected}), but \`${node.value}\` has depth ${depth}.`,
      range: rangeOf(node),
    });
  }
}

function checkLevels(step: WorkflowStep, data: { lineage: Lineage; node: Node; property: string }[], findings: Finding[]): void {
  const byLength = new Map<number, typeof data>();
  for (const d of data) (byLength.get(d.lineage.length) ?? byLength.set(d.lineage.length, []).get(d.lineage.length)!).push(d);
  for (const group of byLength.values()) {
    if (group.length < 2) continue;
    const [a, b] = group;
    findings.push({
      code: 'lineage-mismatch',
      severity: 'error',
      message: `Step \`${step.name}\` mixes batches of different origins: \`${a.node.value}\` (${a.property}) is ${describeLineage(a.lineage)}, \`${b.node.value}\` (${b.property}) is ${describeLineage(b.lineage)}. All batch inputs of a step must come from the same batch.`,
      range: rangeOf(b.node),
      related: [{ message: `\`${a.property}\` is ${describeLineage(a.lineage)}`, range: rangeOf(a.node) }],
    });
    return;
  }
  const lengths = [...byLength.keys()].sort((x, y) => x - y);
  if (lengths.length === 2) {
    const shorter = byLength.get(lengths[0])![0];
    const longer = byLength.get(lengths[1])![0];
    if (key(shorter.lineage) !== key(longer.lineage.slice(0, -1))) {
      findings.push({
        code: 'lineage-mismatch',
        severity: 'error',
        message: `Step \`${step.name}\`: \`${longer.node.value}\` (${describeLineage(longer.lineage)}) does not descend from \`${shorter.node.value}\` (${describeLineage(shorter.lineage)}), so the two cannot be matched item by item.`,
        range: rangeOf(longer.node),
        related: [{ message: describeLineage(shorter.lineage), range: rangeOf(shorter.node) }],
      });
    }
  }
}

function checkControlFlow(step: WorkflowStep, data: Lineage[], flow: { controller: WorkflowStep; ref: SelectorReference; lineage: Lineage }[], findings: Finding[]): void {
  if (!data.length) return checkConditionDepths(step, flow, findings);
  const prefixes = new Set<string>();
  for (const lineage of data) for (let k = 1; k <= lineage.length; k++) prefixes.add(key(lineage.slice(0, k)));
  for (const { controller, ref, lineage } of flow) {
    if (prefixes.has(key(lineage))) continue;
    findings.push({
      code: 'control-flow-lineage',
      severity: 'error',
      message: `\`${controller.name}\` decides ${describeLineage(lineage).replace(/^one item/, 'once')}, but step \`${step.name}\` runs on ${describeLineage(data[0])}: the decision can never apply to it, so the engine refuses it. Gate \`${step.name}\` with a condition on the data it consumes.`,
      range: rangeOf(ref.node),
      related: step.nameNode ? [{ message: `Step \`${step.name}\``, range: rangeOf(step.nameNode) }] : undefined,
    });
  }
}

/**
 * A step that gets no batch runs at the depth of its deepest condition; when two conditions on
 * different batches share that depth, the engine (get_reference_lineage) has none to choose.
 */
function checkConditionDepths(step: WorkflowStep, flow: { controller: WorkflowStep; ref: SelectorReference; lineage: Lineage }[], findings: Finding[]): void {
  const deepest = Math.max(...flow.map((c) => c.lineage.length));
  const [first, second] = [...new Map(flow.filter((c) => c.lineage.length === deepest).map((c) => [key(c.lineage), c])).values()];
  if (!second) return;
  const decides = (c: { controller: WorkflowStep; lineage: Lineage }) => `\`${c.controller.name}\` ${describeLineage(c.lineage).replace(/^one item/, 'once')}`;
  findings.push({
    code: 'control-flow-lineage',
    severity: 'error',
    message: `Step \`${step.name}\` gets no batch, so it runs at the depth of its conditions, but they decide on two different batches of that depth: ${decides(first)}, ${decides(second)}. The engine cannot choose between them and refuses the workflow. Give \`${step.name}\` data from the batch it should run on, or gate it with conditions on one batch.`,
    range: rangeOf(second.ref.node),
    related: [{ message: decides(first), range: rangeOf(first.ref.node) }],
  });
}

/** The lineage a step hands on; undefined when the engine would stop before it had one. */
function outputLineage(step: WorkflowStep, batch: BatchSpec, properties: PropertyInput[], data: { lineage: Lineage }[], flow: { lineage: Lineage }[]): Lineage | undefined {
  const self = `$steps.${step.name}`;
  let reference: Lineage | undefined;
  if (data.length === 1) reference = data[0].lineage;
  // Several lineages: the engine (get_reference_lineage) takes the reference property's own, its first batch
  // for a list or dict. Without one it stops; here that only follows an error already reported (a missing or
  // refused reference property), so the step's depth is left unknown.
  else if (data.length) {
    reference = referenceLineage(batch, properties);
    if (!reference) return undefined;
  } else if (flow.length) reference = flow.reduce((a, b) => (b.lineage.length > a.lineage.length ? b : a)).lineage;
  if (!reference) return batch.outputOffset > 0 ? [self] : [];
  if (batch.outputOffset < 0) return reference.slice(0, -1);
  if (batch.outputOffset > 0) return [...reference, self];
  return reference;
}

/** The lineage of the first batch the step's dimensionality reference property gets. */
function referenceLineage(batch: BatchSpec, properties: PropertyInput[]): Lineage | undefined {
  return properties.find((p) => p.field.name === batch.referenceProperty)?.refs.find((r) => r.lineage.length > 0)?.lineage;
}
