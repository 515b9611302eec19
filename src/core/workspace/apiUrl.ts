import { DEFAULT_SERVER_URL, normaliseServerUrl } from '../server/serverUrl';

/**
 * Where the Roboflow REST API is (workspaces and their workflows). The API key travels in these
 * URLs' query string (`?api_key=`, the only way the API reads it), so the same rules as the
 * inference server URL apply: https except for this machine, no credentials, query or fragment.
 */
export const DEFAULT_API_URL = 'https://api.roboflow.com';

export type ApiUrlCheck = { ok: true; url: string; isLoopback: boolean } | { ok: false; message: string };

export function normaliseApiUrl(input: string | undefined): ApiUrlCheck {
  const trimmed = (input ?? '').trim();
  if (trimmed === '') return { ok: true, url: DEFAULT_API_URL, isLoopback: false };
  const checked = normaliseServerUrl(trimmed);
  if (!checked.ok) {
    // The server URL's messages, about this setting: its name, and its own example.
    const message = checked.message.replace(/server URL/g, 'Roboflow API URL').replace(`Example: ${DEFAULT_SERVER_URL} or http://localhost:9001.`, `Example: ${DEFAULT_API_URL}.`);
    return { ok: false, message };
  }
  return checked;
}
