import { parseTree } from 'jsonc-parser';
import type { SecurityAnalysis } from '../analysis/analyze';
import { properties, rangeOf } from '../parse/tree';
import { applyTextEdits, formattingOf, removePropertyEdits, setValueEdits } from '../text/jsonEdits';
import type { Finding, TextEdit } from '../findings';
import { sharingAvailability, type SharingAvailability } from './availability';
import { DEFAULT_SHARING_SETTINGS, parseSharingSettings, SHARING_CODES, SHARING_OPTION_VALUES, type SharingOption, type SharingSettings } from './settings';

/** Findings for the sidecar file: its own problems, plus settings that do nothing for this
 * workflow (owner-key without a private model, owner-hidden without a credentialed step). */
export function checkSharingFile(text: string | undefined, analysis: SecurityAnalysis, availability: SharingAvailability = sharingAvailability(analysis)): Finding[] {
  const parsed = parseSharingSettings(text);
  const findings = [...parsed.findings];
  const noEffect: { option: SharingOption; active: boolean; label: string; reason: string }[] = [
    { option: 'runAccess', active: parsed.explicit.runAccess === 'owner-key' && !availability.runAccess.available, label: 'Run access "owner-key"', reason: availability.runAccess.reason },
    { option: 'credentials', active: parsed.explicit.credentials === 'owner-hidden' && !availability.credentials.available, label: 'Credentials "owner-hidden"', reason: availability.credentials.reason },
  ];
  for (const { option, active, label, reason } of noEffect) {
    const location = parsed.locations[option];
    if (!active || !location || text === undefined) continue;
    findings.push({
      code: SHARING_CODES.noEffect,
      severity: 'warning',
      message: `${label} has no effect on this workflow. ${reason}`,
      range: location.value,
      unnecessary: true,
      // Removing by path would take the first of several copies, not the one that applies.
      fixes: parsed.duplicated.includes(option) ? undefined : [{ title: `Remove the \`${option}\` setting`, edits: removePropertyEdits(text, [option]), preferred: true }],
    });
  }
  return findings;
}

/** Edits that set one option in the sidecar's text, keeping its formatting and comments. An empty
 * or missing file (undefined) gets a new object; so does one whose root is not an object. */
export function sharingOptionEdits<K extends SharingOption>(text: string | undefined, option: K, value: SharingSettings[K]): TextEdit[] {
  const current = text ?? '';
  // Comments are allowed, and errors such as a trailing comma still give a tree.
  const root = parseTree(current);
  if (root?.type !== 'object') {
    const options = formattingOf(current);
    const indent = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
    const eol = options.eol ?? '\n';
    return [{ offset: 0, length: current.length, newText: `{${eol}${indent}${JSON.stringify(option)}: ${JSON.stringify(value)}${eol}}${eol}` }];
  }
  // Written more than once, the last copy is the one that applies: change that one.
  const last = [...properties(root)].reverse().find((entry) => entry.key === option);
  if (last?.value) return [{ ...rangeOf(last.value), newText: JSON.stringify(value) }];
  return setValueEdits(current, [option], value);
}

/** The sidecar's text after setting one option (for creating the file). */
export function withSharingOption<K extends SharingOption>(text: string | undefined, option: K, value: SharingSettings[K]): string {
  return applyTextEdits(text ?? '', sharingOptionEdits(text, option, value));
}

/** The other value of a two-way option. */
export function toggledValue<K extends SharingOption>(option: K, current: SharingSettings[K] = DEFAULT_SHARING_SETTINGS[option]): SharingSettings[K] {
  const values = SHARING_OPTION_VALUES[option];
  return values[values.indexOf(current) === 0 ? 1 : 0];
}

/** Edits that flip one option from its current (or default) value. */
export function toggleSharingOptionEdits(text: string | undefined, option: SharingOption): { value: string; edits: TextEdit[] } {
  const current = parseSharingSettings(text).settings[option];
  const value = toggledValue(option, current);
  return { value, edits: sharingOptionEdits(text, option, value) };
}
