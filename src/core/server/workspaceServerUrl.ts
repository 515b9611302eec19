import { parseTree, type Node } from 'jsonc-parser';
import { properties, stringValue } from '../parse/tree';

/**
 * Whether a workspace's settings text (`.vscode/settings.json`, or the `settings` of a
 * `.code-workspace` file) sets `roboflowWorkflows.serverUrl`. VS Code drops application-scoped
 * settings from workspace files before the extension can `inspect` them, so the file is read
 * itself, to tell the user that the value is ignored. Both spellings VS Code accepts are found:
 * `"roboflowWorkflows.serverUrl": …` and `"roboflowWorkflows": { "serverUrl": … }`.
 */

export const SERVER_URL_SETTING = 'roboflowWorkflows.serverUrl';

/** The last value of `key` in an object node (as VS Code reads duplicates), own keys only. */
function lastValue(object: Node | undefined, key: string): Node | undefined {
  let found: Node | undefined;
  for (const entry of properties(object)) if (entry.key === key) found = entry.value;
  return found;
}

/** The value written (shortened to 200 characters), or undefined when the text does not set it. */
export function serverUrlSetIn(text: string, settingsPath: readonly string[] = []): string | undefined {
  // jsonc-parser builds the same tree whatever its options (they only decide what counts as an
  // error), so settings with comments and trailing commas are read too; anything but an object
  // has no properties, hence no value.
  let root = parseTree(text);
  for (const key of settingsPath) root = lastValue(root, key);
  const [section, name] = SERVER_URL_SETTING.split('.');
  const flat = lastValue(root, SERVER_URL_SETTING);
  const nested = lastValue(lastValue(root, section), name);
  const node = flat ?? nested;
  if (!node || node.type === 'null') return undefined;
  const value = stringValue(node) ?? JSON.stringify(node.value ?? null);
  return value.trim() === '' ? undefined : value.slice(0, 200);
}
