import type { SelectorTarget } from './catalog/types';

/** Selector grammar of the engine (execution_engine/entities/types.py), with redundant escapes dropped. */
export const STEP_OUTPUT_SELECTOR = /^\$steps\.[A-Za-z_0-9-]+\.[A-Za-z_*0-9-]+$/;
// The engine's regex leaves the `.` unescaped; we require a real dot, as every real document has.
export const INPUT_SELECTOR = /^\$inputs\.[A-Za-z_0-9-]+$/;
export const STEP_SELECTOR = /^\$steps\.[A-Za-z_0-9-]+$/;

/** What Pydantic accepts in a flow-control property: the engine's step pattern has no end anchor. */
export const STEP_SELECTOR_PREFIX = /^\$steps\.[A-Za-z_0-9-]+/;

export type ParsedSelector =
  | { kind: 'input'; input: string }
  | { kind: 'step_output'; step: string; output: string }
  | { kind: 'step'; step: string };

/** The compiler treats any selector-capable value that starts with `$` as a selector. */
export function looksLikeSelector(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('$');
}

export function parseSelector(text: string): ParsedSelector | undefined {
  if (INPUT_SELECTOR.test(text)) return { kind: 'input', input: text.slice('$inputs.'.length) };
  if (STEP_OUTPUT_SELECTOR.test(text)) {
    const [, step, output] = text.split('.');
    return { kind: 'step_output', step, output };
  }
  if (STEP_SELECTOR.test(text)) return { kind: 'step', step: text.slice('$steps.'.length) };
  return undefined;
}

/**
 * How the compiler reads a `$…` string that got past Pydantic without the selector grammar (in a
 * property that also takes plain text, or an output's selector): by its dots alone, so
 * `$inputs.my model` names the input `my model`. Anything else names no node of the graph.
 */
export function parseLooseSelector(text: string, where: 'step' | 'output'): ParsedSelector | undefined {
  const chunks = text.split('.');
  if (chunks[0] === '$inputs' && chunks.length === 2) return { kind: 'input', input: chunks[1] };
  if (chunks[0] === '$steps' && chunks.length === 2) return { kind: 'step', step: chunks[1] };
  if (chunks[0] === '$steps' && chunks.length === 3) return { kind: 'step_output', step: chunks[1], output: chunks[2] };
  // In a step, the compiler takes the step from the second chunk and the output from the last.
  if (chunks[0] === '$steps' && chunks.length > 3 && where === 'step') return { kind: 'step_output', step: chunks[1], output: chunks[chunks.length - 1] };
  return undefined;
}

/** Which selector shapes a field's `selected_element`s admit. */
export function admits(targets: readonly SelectorTarget[], selector: ParsedSelector): boolean {
  return targets.some((target) => {
    switch (target) {
      case 'any_data':
        return selector.kind === 'input' || selector.kind === 'step_output';
      case 'step_output':
        return selector.kind === 'step_output';
      case 'workflow_parameter':
      case 'workflow_image':
      case 'workflow_video_metadata':
        return selector.kind === 'input';
      case 'step':
        return selector.kind === 'step';
    }
  });
}

/** How to write a selector this field accepts, for messages. */
export function describeTargets(targets: readonly SelectorTarget[]): string {
  const shapes = new Set<string>();
  for (const target of targets) {
    if (target === 'any_data') {
      shapes.add('`$inputs.<name>`');
      shapes.add('`$steps.<step>.<output>`');
    } else if (target === 'step_output') shapes.add('`$steps.<step>.<output>`');
    else if (target === 'step') shapes.add('`$steps.<step>`');
    else shapes.add('`$inputs.<name>`');
  }
  return [...shapes].join(' or ');
}
