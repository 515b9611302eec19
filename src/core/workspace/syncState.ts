import { parse, type ParseError } from 'jsonc-parser';
import { definitionHash } from './workflowConfig';

/**
 * Where a linked file stands against its workspace workflow, from three hashes: the definition
 * pulled (the link file), the local file's and the workspace's Live one (when fetched).
 */

export type SyncStateName = 'in-sync' | 'local-changes' | 'workspace-changed' | 'both-changed';

export interface SyncInputs {
  pulledHash: string;
  /** Undefined when the local file does not parse: that counts as a local change. */
  localHash: string | undefined;
  /** Undefined when the workspace was not asked (offline, no key). */
  remoteHash?: string;
}

export interface SyncState {
  state: SyncStateName;
  /** False when the workspace's side is assumed unchanged because it was not asked. */
  remoteKnown: boolean;
}

export function computeSyncState({ pulledHash, localHash, remoteHash }: SyncInputs): SyncState {
  const remoteKnown = remoteHash !== undefined;
  // Both sides hold the same definition (someone pushed exactly this): nothing to reconcile.
  if (remoteKnown && localHash === remoteHash) return { state: 'in-sync', remoteKnown };
  const local = localHash !== pulledHash;
  const remote = remoteKnown && remoteHash !== pulledHash;
  const state: SyncStateName = local && remote ? 'both-changed' : local ? 'local-changes' : remote ? 'workspace-changed' : 'in-sync';
  return { state, remoteKnown };
}

export const SYNC_STATE_LABELS: Readonly<Record<SyncStateName, string>> = Object.freeze({
  'in-sync': 'In sync',
  'local-changes': 'Local changes',
  'workspace-changed': 'Workspace changed',
  'both-changed': 'Local changes, workspace changed',
});

/** The hash of a local file's definition, or undefined when it is not a JSON object. */
export function localDefinitionHash(text: string): string | undefined {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return definitionHash(value);
}

/** The local file's definition, parsed (comments and trailing commas allowed), or undefined. */
export function localDefinition(text: string): Record<string, unknown> | undefined {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}
