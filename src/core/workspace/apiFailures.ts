import { networkErrorCode } from '../server/networkErrors';

/** Sentences for what went wrong talking to the Roboflow REST API. None quotes a request URL:
 * the API key is in their query string. `what` names the request ("the workflow `x` of `acme`"). */

export type ApiFailureKind = 'invalid-request' | 'cancelled' | 'timeout' | 'network' | 'too-large' | 'redirect' | 'http' | 'malformed';

export interface ApiFailure {
  ok: false;
  kind: ApiFailureKind;
  message: string;
  status?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownString(record: Record<string, unknown>, key: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The API's own words: `{"error": {"message", "hint"}}`, `{"error": "…"}` or `{"message": "…"}`. */
export function apiErrorText(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return undefined;
  const error = Object.prototype.hasOwnProperty.call(json, 'error') ? json.error : undefined;
  const parts = isRecord(error)
    ? [ownString(error, 'message'), ownString(error, 'hint')]
    : [typeof error === 'string' ? error : undefined, ownString(json, 'message')];
  const text = parts.filter((p): p is string => p !== undefined).join(' ');
  if (text === '') return undefined;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function describeApiStatus(status: number, what: string, serverText: string | undefined): string {
  const said = serverText ? ` The API says: ${serverText}` : '';
  switch (status) {
    case 400:
      return `The Roboflow API rejected the request for ${what} (400).${said}`;
    case 401:
      return `The Roboflow API refused the API key (401): it is wrong, revoked or expired. Set it again with "Roboflow Workflows: Set Roboflow API Key".${said}`;
    case 402:
      return `The workspace's plan does not allow this (402).${said}`;
    case 403:
      return `The API key may not access ${what} (403): the key may belong to another workspace, lack the permission, or the workspace's plan may not include it.${said}`;
    case 404:
      return `Not found (404): ${what}. It may have been renamed or moved to Trash, or the key belongs to another workspace.${said}`;
    case 409:
      return `The Roboflow API refused to save ${what} because of a conflict (409): it probably changed meanwhile. Compare with the workspace first.${said}`;
    case 429:
      return `The Roboflow API is rate-limiting requests (429). Wait a moment and try again.${said}`;
    default:
      if (status >= 500) return `The Roboflow API failed (${status}) while handling ${what}; this is usually temporary. Try again in a moment.${said}`;
      return `The Roboflow API answered HTTP ${status} for ${what}.${said}`;
  }
}

export function describeNoAnswer(reason: 'timeout' | 'cancelled' | 'network', error: unknown, apiUrl: string, timeoutMs: number): string {
  if (reason === 'cancelled') return 'Cancelled.';
  if (reason === 'timeout') return `The Roboflow API at ${apiUrl} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}. Try again; check your network.`;
  const code = networkErrorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not reach the Roboflow API at ${apiUrl}: the connection was refused.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not find the host of ${apiUrl} (DNS lookup failed). Check your internet connection.`;
    case undefined:
      return `Could not reach the Roboflow API at ${apiUrl}.`;
    default:
      return `Could not reach the Roboflow API at ${apiUrl} (${code}).`;
  }
}
