/**
 * Checks and normalises the inference server URL before anything is sent to it. The API key
 * travels with every request, so: https everywhere except this machine, no credentials or query
 * strings in the URL (they end up in logs and error messages), one canonical spelling.
 */

export const DEFAULT_SERVER_URL = 'https://serverless.roboflow.com';

export type ServerUrlCheck =
  | { ok: true; /** Origin plus path, no trailing slash, e.g. `http://localhost:9001`. */ url: string; isLoopback: boolean }
  | { ok: false; message: string };

/** True for hosts that can only mean this machine: `localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === '[::1]') return true;
  // IPv4-mapped IPv6 loopback, as the URL parser writes it: [::ffff:7f00:1].
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

/** Adds a scheme to `localhost:9001` or `my.server.com`: http only for this machine. Throws, as
 * `new URL` does, for text that is no URL with either scheme (http and https parse hosts alike). */
function withScheme(text: string): string {
  if (hasScheme(text)) return text;
  return `${isLoopbackHostname(new URL(`http://${text}`).hostname) ? 'http' : 'https'}://${text}`;
}

/** A URL setting as its messages name it, the example they give, and what a blank value means. */
export interface UrlSetting {
  name: string;
  example: string;
  defaultUrl: string;
}

const SERVER_URL_SETTING: UrlSetting = { name: 'server URL', example: `${DEFAULT_SERVER_URL} or http://localhost:9001`, defaultUrl: DEFAULT_SERVER_URL };

export function normaliseServerUrl(input: string | undefined): ServerUrlCheck {
  return checkUrlSetting(input, SERVER_URL_SETTING);
}

/** The checks of `normaliseServerUrl`, for any URL the API key is sent to, in messages that name `setting`. */
export function checkUrlSetting(input: string | undefined, setting: UrlSetting): ServerUrlCheck {
  const trimmed = (input ?? '').trim();
  if (trimmed === '') return { ok: true, url: setting.defaultUrl, isLoopback: false };

  const notValid: ServerUrlCheck = { ok: false, message: `"${trimmed}" is not a valid ${setting.name}. Example: ${setting.example}.` };
  let url: URL;
  try {
    url = new URL(withScheme(trimmed));
  } catch {
    return notValid;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `The ${setting.name} must start with https:// (or http:// for this machine), not ${url.protocol}//.` };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      message: `The ${setting.name} must not contain a user name or password. Remove them; the API key is stored separately and sent in the request, never in the URL.`,
    };
  }
  // On the text itself: a query or fragment comes only from a `?` or `#`, and an empty one (`/?`) leaves none in `url`.
  if (/[?#]/.test(trimmed)) {
    return {
      ok: false,
      message: `The ${setting.name} must not contain a query string or fragment (\`?…\`, \`#…\`): an \`api_key\` there would end up in logs. The API key is stored separately and sent in the request, never in the URL.`,
    };
  }
  // The URL parser lets through hosts that no DNS name or address spells (a URL pasted with its
  // quotes, a trailing comma): they would fail only later, as an unknown host. IPv6 is checked by the parser.
  if (!url.hostname.startsWith('[') && !/^[a-z0-9_.-]+$/.test(url.hostname)) return notValid;
  const isLoopback = isLoopbackHostname(url.hostname);
  if (url.protocol === 'http:' && !isLoopback) {
    if (url.hostname === '0.0.0.0' || url.hostname === '[::]') {
      return {
        ok: false,
        message: `${url.hostname} is the address a server listens on, not one to connect to. Use http://localhost${url.port ? `:${url.port}` : ''} instead.`,
      };
    }
    return {
      ok: false,
      message: `Use https:// for ${url.hostname}: plain http would send your API key unencrypted. http:// is allowed only for this machine (localhost, 127.0.0.1, ::1).`,
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}`, isLoopback };
}
