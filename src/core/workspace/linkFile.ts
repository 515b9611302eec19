import { parse, type ParseError } from 'jsonc-parser';
import { hasOwn } from '../ownProperties';
import { isSafeSlug } from './responses';

/**
 * The link between a local workflow file and the workspace workflow it was pulled from:
 * `<name>.workflow.roboflow.json` beside `<name>.workflow.json` (schemas/workflow-link.schema.json).
 * A file of its own, not a field of the sharing sidecar: the sidecar describes how a workflow is
 * shared and is worth committing everywhere, while the link belongs to one workspace.
 *
 * What identifies the revision pulled: `definitionHash`, the SHA-256 of the definition's canonical
 * JSON. The API documents no revision id or ETag for a workflow, and whether it returns an update
 * time is not documented either, so the content itself is compared: "workspace changed" means the
 * Live definition is no longer the one pulled. `updatedAt` is kept for display when the API gave one.
 */

export const LINK_FILE_FORMAT = 1;
export const LINK_SUFFIX = '.workflow.roboflow.json';
export const WORKFLOW_SUFFIX = '.workflow.json';

export interface WorkflowLink {
  format: typeof LINK_FILE_FORMAT;
  workspace: string;
  id: string;
  /** The workflow's slug in the workspace. */
  url: string;
  name: string;
  pulled: {
    definitionHash: string;
    /** When the workspace's copy last changed, if the API said (ISO 8601). */
    updatedAt?: string;
    /** The version restored or pulled, when not the Live one. */
    versionId?: string;
    /** When this file last matched the workspace (pull, push or restore). */
    at: string;
  };
}

export type LinkCheck = { ok: true; link: WorkflowLink } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(record: Record<string, unknown>, key: string): string | undefined {
  const value = hasOwn(record, key) ? record[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function parseLinkFile(text: string): LinkCheck {
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !isRecord(json)) return { ok: false, message: 'The link file is not a JSON object.' };
  if (hasOwn(json, 'format') && json.format !== LINK_FILE_FORMAT) return { ok: false, message: `The link file has format ${JSON.stringify(json.format)}; this version reads format ${LINK_FILE_FORMAT}.` };
  const workspace = str(json, 'workspace');
  const id = str(json, 'id');
  const url = str(json, 'url');
  const pulled = hasOwn(json, 'pulled') ? json.pulled : undefined;
  if (!workspace || !isSafeSlug(workspace)) return { ok: false, message: 'The link file has no usable `workspace`.' };
  if (!id) return { ok: false, message: 'The link file has no `id`.' };
  if (!url || !isSafeSlug(url)) return { ok: false, message: 'The link file has no usable `url` (the workflow slug).' };
  if (!isRecord(pulled)) return { ok: false, message: 'The link file has no `pulled` object.' };
  const definitionHash = str(pulled, 'definitionHash');
  if (!definitionHash || !/^sha256:[0-9a-f]{64}$/.test(definitionHash)) return { ok: false, message: 'The link file has no valid `pulled.definitionHash`.' };
  const updatedAt = str(pulled, 'updatedAt');
  const versionId = str(pulled, 'versionId');
  return {
    ok: true,
    link: {
      format: LINK_FILE_FORMAT,
      workspace,
      id,
      url,
      name: str(json, 'name') ?? url,
      pulled: { definitionHash, ...(updatedAt && { updatedAt }), ...(versionId && { versionId }), at: str(pulled, 'at') ?? '' },
    },
  };
}

export function serializeLinkFile(link: WorkflowLink): string {
  return `${JSON.stringify({ $schema: 'https://roboflow-workflows-community.github.io/schemas/workflow-link.schema.json', ...link }, null, 2)}\n`;
}

/** `a/b/x.workflow.json` → `a/b/x.workflow.roboflow.json`; undefined for other names. */
export function linkPathFor(workflowPath: string): string | undefined {
  return workflowPath.endsWith(WORKFLOW_SUFFIX) ? `${workflowPath.slice(0, -WORKFLOW_SUFFIX.length)}${LINK_SUFFIX}` : undefined;
}

/** `a/b/x.workflow.roboflow.json` → `a/b/x.workflow.json`. */
export function workflowPathFor(linkPath: string): string | undefined {
  return linkPath.endsWith(LINK_SUFFIX) ? `${linkPath.slice(0, -LINK_SUFFIX.length)}${WORKFLOW_SUFFIX}` : undefined;
}
