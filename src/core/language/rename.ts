import type { OffsetRange, TextEdit } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { showUserString } from '../text/secretText';
import { referencesAt } from './navigation';
import { nameTargetAt, type NameTarget } from './nameTarget';

/** What the engine's selectors accept in a name (reference §b): anything else cannot be referenced. */
const REFERENCEABLE_NAME = /^[A-Za-z0-9_-]+$/;

export type PrepareRenameResult = { range: OffsetRange; placeholder: string } | { error: string };
export type RenameResult = { edits: TextEdit[] } | { error: string };

const NOUN = { steps: 'step', inputs: 'input' } as const;

function renameable(model: WorkflowModel, text: string, offset: number): NameTarget | { error: string } {
  const target = nameTargetAt(model, text, offset);
  if (!target) return { error: 'Only a step or input name, or the name in a selector, can be renamed here.' };
  if (!target.declaration) return { error: `There is no ${NOUN[target.section]} named \`${showUserString(target.name)}\` to rename.` };
  return target;
}

/** The name under the cursor (on a step's or input's `name`, or inside a selector) and its text. */
export function prepareRename(model: WorkflowModel, text: string, offset: number): PrepareRenameResult {
  const target = renameable(model, text, offset);
  return 'error' in target ? target : { range: target.range, placeholder: target.name };
}

/** Why the engine, or this document, would refuse `newName`; undefined when it is fine. */
export function refuseName(model: WorkflowModel, section: NameTarget['section'], oldName: string, newName: string): string | undefined {
  const noun = NOUN[section];
  if (!REFERENCEABLE_NAME.test(newName)) {
    return `${noun === 'input' ? 'An input' : 'A step'} name may hold only letters, digits, \`_\` and \`-\`: the engine's selectors refuse \`${section === 'steps' ? '$steps.' : '$inputs.'}${showUserString(newName)}\`.`;
  }
  const taken = (section === 'steps' ? model.steps : model.inputs).some((d) => d.name === newName);
  if (taken && newName !== oldName) return `${noun === 'input' ? 'An input' : 'A step'} named \`${newName}\` already exists: ${noun} names must be unique.`;
  return undefined;
}

/**
 * One edit per place naming the step or input under the cursor: its `name` value and the name
 * part of every selector (the `.output` after it stays). Refuses names the engine's selectors
 * cannot reference and names already taken in the same section.
 */
export function renameEdits(model: WorkflowModel, text: string, offset: number, newName: string): RenameResult {
  const target = renameable(model, text, offset);
  if ('error' in target) return target;
  const refusal = refuseName(model, target.section, target.name, newName);
  if (refusal) return { error: refusal };
  if (newName === target.name) return { edits: [] };
  // From a selector, rename the declaration it resolves to; from a declaration, that declaration.
  const at = target.onDeclaration ? offset : target.declaration!.nameNode!.offset + 1;
  const ranges = referencesAt(model, text, at, true) ?? [];
  return { edits: ranges.map((r) => ({ ...r, newText: newName })) };
}
