import { checkUrlSetting } from '../server/serverUrl';

/**
 * Where the Roboflow REST API is (workspaces and their workflows). The API key travels in these
 * URLs' query string (`?api_key=`, the only way the API reads it), so the same rules as the
 * inference server URL apply: https except for this machine, no credentials, query or fragment.
 */
export const DEFAULT_API_URL = 'https://api.roboflow.com';

export type ApiUrlCheck = { ok: true; url: string; isLoopback: boolean } | { ok: false; message: string };

export function normaliseApiUrl(input: string | undefined): ApiUrlCheck {
  return checkUrlSetting(input, { name: 'Roboflow API URL', example: DEFAULT_API_URL, defaultUrl: DEFAULT_API_URL });
}
