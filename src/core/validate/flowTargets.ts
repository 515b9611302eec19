import type { Finding } from '../findings';
import type { WorkflowStep } from '../model/workflow';
import { rangeOf } from '../parse/tree';
import type { SelectorReference, ValidationContext } from './context';

/**
 * A flow-control step may lead to each step once: the engine gives every target one execution
 * branch and refuses a second (graph_constructor.py). Switch Case checks it itself, across
 * `cases` and `default_next_steps`, in its manifest (so Pydantic refuses the step).
 */
const CHECKS_OWN_TARGETS = new Set(['roboflow_core/switch_case@v1']);

export function checkFlowTargets(ctx: ValidationContext): void {
  const byController = new Map<WorkflowStep, { ref: SelectorReference; target: string }[]>();
  for (const ref of ctx.references) {
    if (!ref.step || ref.selector.kind !== 'step') continue;
    (byController.get(ref.step) ?? byController.set(ref.step, []).get(ref.step)!).push({ ref, target: ref.selector.step });
  }
  for (const [controller, refs] of byController) {
    const first = new Map<string, SelectorReference>();
    for (const { ref, target } of refs) {
      const earlier = first.get(target);
      if (!earlier) first.set(target, ref);
      else ctx.findings.push(duplicateTarget(controller, target, ref, earlier));
    }
  }
}

function duplicateTarget(controller: WorkflowStep, target: string, ref: SelectorReference, earlier: SelectorReference): Finding {
  // Only steps of a known block hold references (collectReferences skips the others).
  const ownRule = CHECKS_OWN_TARGETS.has(controller.block!.type);
  return {
    code: ownRule ? 'invalid-value' : 'duplicate-flow-target',
    severity: 'error',
    message: `Step \`${controller.name}\` already continues with \`${target}\`${earlier.property === ref.property ? '' : ` (in \`${earlier.property}\`)`}: each step may be a target once${ownRule ? ' across `cases` and `default_next_steps`' : ', or the engine cannot tell which branch runs it'}. Remove this one.`,
    range: rangeOf(ref.node),
    related: [{ message: `\`${target}\` is first named here`, range: rangeOf(earlier.node) }],
  };
}
