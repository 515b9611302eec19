import { hasOwn } from '../ownProperties';

/**
 * Checks of what the Roboflow REST API answers, field by field and own properties only: a
 * server that answers something else (a proxy page, an older API, a hostile host) gets a clear
 * sentence back, never a crash or a value of the wrong type passed on.
 *
 * Shapes, from roboflow-python (`rfapi.py`, its CLI and tests) and the inference server's
 * `get_workflow_specification`: `GET /` → `{"workspace": "<slug>"}`; the list →
 * `{"workflows": [{name, url, id?, …}]}`; one → `{"workflow": {id, name, url, config}}`; versions →
 * `{"versions": [{id? | version?, created?, config?}]}`. Timestamps are not documented: any of
 * `updatedAt`, `updated`, `modified`, `lastUpdated` (or `createdAt`, `created` for versions), as an
 * ISO string, epoch number or Firestore `{_seconds}` object, is read when present.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export interface WorkflowSummary {
  name: string;
  /** The slug: what URLs and file names use. */
  url: string;
  id?: string;
  /** ISO 8601, when the API said. */
  updatedAt?: string;
}

export interface WorkspaceWorkflow {
  id: string;
  name: string;
  url: string;
  /** The stored `config`, a JSON string (see workflowConfig.ts). */
  config: string;
  updatedAt?: string;
}

export interface WorkflowVersionEntry {
  /** What the API calls the version (`id`, else `version`). */
  id: string;
  createdAt?: string;
  /** The version's `config`, when the list carries it. */
  config?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** Slugs go into URL paths and file names: letters, digits, `-`, `_`, `.`, never `..` or `/`. */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

export function isSafeSlug(value: string): boolean {
  return SLUG.test(value) && !value.includes('..');
}

function shortString(value: unknown, max = 500): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value : undefined;
}

/** A timestamp in any of the spellings a JSON API uses, as ISO 8601; undefined when unreadable. */
export function readTimestamp(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'string' && value.length <= 64) {
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) ms = parsed;
  } else if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    ms = value < 1e11 ? value * 1000 : value; // seconds or milliseconds since 1970
  } else if (isRecord(value)) {
    const seconds = own(value, '_seconds') ?? own(value, 'seconds');
    if (typeof seconds === 'number' && Number.isFinite(seconds)) ms = seconds * 1000;
  }
  if (ms === undefined || ms < 0 || ms > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

function firstTimestamp(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = readTimestamp(own(record, key));
    if (value !== undefined) return value;
  }
  return undefined;
}

const UPDATED_KEYS = ['updatedAt', 'updated', 'modified', 'lastUpdated', 'updated_at'];
const CREATED_KEYS = ['createdAt', 'created', 'created_at', 'timestamp'];

function idOf(value: unknown): string | undefined {
  if (Number.isFinite(value)) return String(value); // a number (Number.isFinite is false for anything else)
  return shortString(value, 200);
}

export function checkWorkspaceInfo(json: unknown): Checked<{ workspace: string }> {
  const workspace = isRecord(json) ? own(json, 'workspace') : undefined;
  // Some answers nest it: {"workspace": {"url": "…", "name": …}}.
  const slug = typeof workspace === 'string' ? workspace : isRecord(workspace) ? own(workspace, 'url') : undefined;
  if (typeof slug !== 'string' || !isSafeSlug(slug)) {
    return { ok: false, message: 'The answer names no workspace (expected `{"workspace": "<workspace-slug>"}`).' };
  }
  return { ok: true, value: { workspace: slug } };
}

export function checkWorkflowList(json: unknown): Checked<WorkflowSummary[]> {
  const list = Array.isArray(json) ? json : isRecord(json) ? own(json, 'workflows') : undefined;
  if (!Array.isArray(list)) return { ok: false, message: 'The answer has no `workflows` list.' };
  const workflows: WorkflowSummary[] = [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const url = own(entry, 'url');
    if (typeof url !== 'string' || !isSafeSlug(url)) continue; // nothing we could open
    const name = shortString(own(entry, 'name')) ?? url;
    const id = idOf(own(entry, 'id'));
    const updatedAt = firstTimestamp(entry, UPDATED_KEYS);
    workflows.push({ name, url, ...(id !== undefined && { id }), ...(updatedAt !== undefined && { updatedAt }) });
  }
  if (list.length > 0 && workflows.length === 0) return { ok: false, message: 'None of the listed workflows has a usable `url` slug.' };
  return { ok: true, value: workflows.sort((a, b) => a.name.localeCompare(b.name) || a.url.localeCompare(b.url)) };
}

export function checkWorkflowDetail(json: unknown, expectedUrl?: string): Checked<WorkspaceWorkflow> {
  const workflow = isRecord(json) ? own(json, 'workflow') : undefined;
  if (!isRecord(workflow)) return { ok: false, message: 'The answer has no `workflow` object.' };
  const id = idOf(own(workflow, 'id'));
  const url = own(workflow, 'url') ?? expectedUrl;
  const config = own(workflow, 'config');
  if (id === undefined) return { ok: false, message: 'The workflow in the answer has no `id` (needed to save it back).' };
  if (typeof url !== 'string' || !isSafeSlug(url)) return { ok: false, message: 'The workflow in the answer has no usable `url` slug.' };
  if (expectedUrl !== undefined && url !== expectedUrl) return { ok: false, message: `The answer describes workflow \`${url}\`, not \`${expectedUrl}\`.` };
  if (typeof config !== 'string') return { ok: false, message: 'The workflow in the answer has no `config` string.' };
  const name = shortString(own(workflow, 'name')) ?? url;
  const updatedAt = firstTimestamp(workflow, UPDATED_KEYS);
  return { ok: true, value: { id, name, url, config, ...(updatedAt !== undefined && { updatedAt }) } };
}

export function checkVersionList(json: unknown): Checked<WorkflowVersionEntry[]> {
  const list = Array.isArray(json) ? json : isRecord(json) ? own(json, 'versions') : undefined;
  if (!Array.isArray(list)) return { ok: false, message: 'The answer has no `versions` list.' };
  const versions: WorkflowVersionEntry[] = [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const id = idOf(own(entry, 'id')) ?? idOf(own(entry, 'version'));
    if (id === undefined) continue;
    const createdAt = firstTimestamp(entry, CREATED_KEYS);
    const config = own(entry, 'config');
    versions.push({ id, ...(createdAt !== undefined && { createdAt }), ...(typeof config === 'string' && { config }) });
  }
  if (list.length > 0 && versions.length === 0) return { ok: false, message: 'None of the listed versions has an `id` or `version`.' };
  // Newest first when dated; the API's order otherwise.
  return { ok: true, value: versions.every((v) => v.createdAt) ? [...versions].sort((a, b) => b.createdAt!.localeCompare(a.createdAt!)) : versions };
}
