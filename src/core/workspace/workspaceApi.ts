import type { ApiFailure } from './apiFailures';
import { callRoboflowApi, type ApiCallOptions } from './restClient';
import {
  checkVersionList,
  checkWorkflowDetail,
  checkWorkflowList,
  checkWorkspaceInfo,
  isSafeSlug,
  type Checked,
  type WorkflowSummary,
  type WorkflowVersionEntry,
  type WorkspaceWorkflow,
} from './responses';
import { wrapConfig } from './workflowConfig';

/** The workflow endpoints of the Roboflow REST API (roboflow-python `rfapi.py`, "Phase 2"). */

export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

function malformed(options: ApiCallOptions, what: string, message: string): ApiFailure {
  return options.redactor.redactDeep({ ok: false, kind: 'malformed', message: `Unexpected answer from the Roboflow API for ${what}: ${message}` });
}

function badSlug(options: ApiCallOptions, label: string, value: string): ApiFailure | undefined {
  if (isSafeSlug(value)) return undefined;
  return options.redactor.redactDeep({ ok: false, kind: 'invalid-request', message: `\`${value.slice(0, 100)}\` is not a usable ${label} (letters, digits, \`-\`, \`_\`, \`.\`).` });
}

async function getChecked<T>(options: ApiCallOptions, path: string[], what: string, check: (json: unknown) => Checked<T>, method: 'GET' | 'POST' = 'GET'): Promise<ApiResult<T>> {
  const answer = await callRoboflowApi(options, { method, path, what });
  if (!answer.ok) return answer;
  const checked = check(answer.json);
  return checked.ok ? checked : malformed(options, what, checked.message);
}

const describeWorkflow = (workspace: string, url: string): string => `the workflow \`${url}\` of workspace \`${workspace}\``;

/** `/?api_key=`: the workspace the key belongs to. POST, as roboflow-python's key check and CLI send
 * it (`check_key`, `_resolver.py`); the text says GET, which this work could not confirm. */
export function fetchWorkspaceOfKey(options: ApiCallOptions): Promise<ApiResult<{ workspace: string }>> {
  return getChecked(options, [], 'the workspace of the API key', checkWorkspaceInfo, 'POST');
}

export function listWorkflows(options: ApiCallOptions, workspace: string): Promise<ApiResult<WorkflowSummary[]>> {
  const refused = badSlug(options, 'workspace', workspace);
  if (refused) return Promise.resolve(refused);
  return getChecked(options, [workspace, 'workflows'], `the workflows of workspace \`${workspace}\``, checkWorkflowList);
}

export function fetchWorkflow(options: ApiCallOptions, workspace: string, url: string): Promise<ApiResult<WorkspaceWorkflow>> {
  const refused = badSlug(options, 'workspace', workspace) ?? badSlug(options, 'workflow slug', url);
  if (refused) return Promise.resolve(refused);
  return getChecked(options, [workspace, 'workflows', url], describeWorkflow(workspace, url), (json) => checkWorkflowDetail(json, url));
}

export function listWorkflowVersions(options: ApiCallOptions, workspace: string, url: string): Promise<ApiResult<WorkflowVersionEntry[]>> {
  const refused = badSlug(options, 'workspace', workspace) ?? badSlug(options, 'workflow slug', url);
  if (refused) return Promise.resolve(refused);
  return getChecked(options, [workspace, 'workflows', url, 'versions'], `the versions of ${describeWorkflow(workspace, url)}`, checkVersionList);
}

export interface SaveWorkflowRequest {
  workspace: string;
  id: string;
  name: string;
  url: string;
  definition: Record<string, unknown>;
}

/** `POST /{workspace}/updateWorkflow` with `{id, name, url, config}`, the definition wrapped. The
 * save becomes the Live version at once. The answer's shape is not documented: any 2xx JSON is success. */
export async function updateWorkflow(options: ApiCallOptions, request: SaveWorkflowRequest): Promise<ApiResult<void>> {
  const refused = badSlug(options, 'workspace', request.workspace) ?? badSlug(options, 'workflow slug', request.url);
  if (refused) return refused;
  const answer = await callRoboflowApi(options, {
    method: 'POST',
    path: [request.workspace, 'updateWorkflow'],
    jsonBody: { id: request.id, name: request.name, url: request.url, config: wrapConfig(request.definition) },
    what: describeWorkflow(request.workspace, request.url),
  });
  return answer.ok ? { ok: true, value: undefined } : answer;
}

/** `POST /{workspace}/createWorkflow`: the API reads `name`, `url`, `config` and `template` from the query string. */
export async function createWorkflow(options: ApiCallOptions, request: Omit<SaveWorkflowRequest, 'id'>): Promise<ApiResult<void>> {
  const refused = badSlug(options, 'workspace', request.workspace) ?? badSlug(options, 'workflow slug', request.url);
  if (refused) return refused;
  const answer = await callRoboflowApi(options, {
    method: 'POST',
    path: [request.workspace, 'createWorkflow'],
    query: { name: request.name, url: request.url, config: wrapConfig(request.definition), template: '{}' },
    what: `the new workflow \`${request.url}\` of workspace \`${request.workspace}\``,
  });
  return answer.ok ? { ok: true, value: undefined } : answer;
}

/** A slug for a new workflow from its name, as roboflow-python makes one. */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-/, '')
    .slice(0, 100)
    .replace(/-$/, ''); // after the cut, which may end on a dash
}
