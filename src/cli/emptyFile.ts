import type { Finding } from '../core/findings';

/**
 * An empty or blank file is not a workflow the server accepts. The editor stays quiet about it (a file
 * just created is empty while you type), but in CI it means a definition was lost or never written.
 */
export function emptyFileFinding(text: string): Finding | undefined {
  if (text.trim()) return undefined;
  return {
    code: 'json-syntax',
    severity: 'error',
    message: 'The file is empty. A workflow definition is a JSON object with `version`, `inputs`, `steps` and `outputs`.',
    range: { offset: 0, length: 0 },
  };
}
