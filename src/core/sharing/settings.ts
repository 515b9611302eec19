import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Finding, OffsetRange } from '../findings';
import { hasOwn } from '../ownProperties';
import { properties, rangeOf, type PropertyEntry } from '../parse/tree';
import { nearest } from '../text/nearest';

/** The sharing configuration of one workflow, kept in its sidecar file. A missing file or key
 * means the platform's default. */

export type RunAccess = 'own-key' | 'owner-key';
export type CredentialsMode = 'user-provided' | 'owner-hidden';

export interface SharingSettings {
  /** `own-key`: people you share with run it under their own API key. `owner-key`: under yours
   * (usage counts against you; your key and model data stay private). */
  runAccess: RunAccess;
  /** `user-provided`: every credential becomes an input they supply. `owner-hidden`: they run with
   * your credentials, redacted from anything shown to them. */
  credentials: CredentialsMode;
}

export type SharingOption = keyof SharingSettings;

export const DEFAULT_SHARING_SETTINGS: Readonly<SharingSettings> = Object.freeze({ runAccess: 'own-key', credentials: 'user-provided' });

export const SHARING_OPTION_VALUES: { readonly [K in SharingOption]: readonly SharingSettings[K][] } = {
  runAccess: ['own-key', 'owner-key'],
  credentials: ['user-provided', 'owner-hidden'],
};

export const SHARING_CODES = {
  /** error: the sidecar is not valid JSON (comments are fine). */
  syntax: 'sharing-json-syntax',
  /** error: the sidecar's root is not an object. */
  notObject: 'sharing-not-object',
  /** error: a value that is not one of the option's values; fixes offer each valid value. */
  invalidValue: 'sharing-invalid-value',
  /** warning: a key the configuration does not have. */
  unknownKey: 'sharing-unknown-key',
  /** warning (unnecessary): a setting with no effect on this workflow. */
  noEffect: 'sharing-no-effect',
  /** warning: a key written more than once; only its last value applies, as in JSON.parse. */
  duplicateKey: 'sharing-duplicate-key',
} as const;

export interface SharingSettingLocation {
  /** The whole `"key": value` pair, for removal. */
  property: OffsetRange;
  value: OffsetRange;
}

export interface ParsedSharingSettings {
  /** What applies: the file's valid values over the defaults. */
  settings: SharingSettings;
  /** Only the valid values the file sets. */
  explicit: Partial<SharingSettings>;
  locations: Partial<Record<SharingOption, SharingSettingLocation>>;
  /** Options written more than once (the last one applies). */
  duplicated: SharingOption[];
  findings: Finding[];
}

const ALLOWED_EXTRA_KEYS = new Set(['$schema']);

// Own keys only: `toString` or `__proto__` in a sidecar are unknown keys, not options.
function isOption(key: string): key is SharingOption {
  return hasOwn(SHARING_OPTION_VALUES, key);
}

/** Each key's last occurrence (the one that applies); a warning on every earlier one. */
function lastOccurrences(entries: readonly PropertyEntry[], text: string, findings: Finding[]): { entries: PropertyEntry[]; duplicated: string[] } {
  const last = new Map<string, PropertyEntry>();
  for (const entry of entries) last.set(entry.key, entry);
  const duplicated = new Set<string>();
  for (const entry of entries) {
    const kept = last.get(entry.key)!;
    if (kept === entry) continue;
    duplicated.add(entry.key);
    const line = text.slice(0, kept.keyNode.offset).split('\n').length;
    findings.push({
      code: SHARING_CODES.duplicateKey,
      severity: 'warning',
      message: `\`${entry.key}\` is set more than once; only the last one (line ${line}) applies. Remove this one.`,
      range: rangeOf(entry.keyNode),
      related: [{ message: `The \`${entry.key}\` that applies`, range: rangeOf(kept.keyNode) }],
    });
  }
  return { entries: entries.filter((entry) => last.get(entry.key) === entry), duplicated: [...duplicated] };
}

/** Parses the sidecar's text (undefined when the file does not exist). */
export function parseSharingSettings(text: string | undefined): ParsedSharingSettings {
  const result: ParsedSharingSettings = { settings: { ...DEFAULT_SHARING_SETTINGS }, explicit: {}, locations: {}, duplicated: [], findings: [] };
  if (text === undefined || text.trim() === '') return result;

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    result.findings.push({
      code: SHARING_CODES.syntax,
      severity: 'error',
      message: `The sharing configuration is not valid JSON (${printParseErrorCode(error.error)}).`,
      range: { offset: error.offset, length: Math.max(error.length, 1) },
    });
  }
  if (!root) return result;
  if (root.type !== 'object') {
    result.findings.push({
      code: SHARING_CODES.notObject,
      severity: 'error',
      message: 'The sharing configuration must be an object, such as `{ "runAccess": "own-key", "credentials": "user-provided" }`.',
      range: rangeOf(root),
    });
    return result;
  }

  const { entries, duplicated } = lastOccurrences(properties(root), text, result.findings);
  result.duplicated = duplicated.filter(isOption);
  for (const { key, keyNode, value, property } of entries) {
    if (!isOption(key)) {
      if (ALLOWED_EXTRA_KEYS.has(key)) continue;
      const suggestions = nearest(key, Object.keys(SHARING_OPTION_VALUES), 1);
      result.findings.push({
        code: SHARING_CODES.unknownKey,
        severity: 'warning',
        message: `Unknown sharing setting \`${key}\`${suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : '.'} The settings are \`runAccess\` and \`credentials\`.`,
        range: rangeOf(keyNode),
        fixes: suggestions.map((name) => ({ title: `Rename to \`${name}\``, edits: [{ ...rangeOf(keyNode), newText: JSON.stringify(name) }], preferred: true })),
      });
      continue;
    }
    const allowed = SHARING_OPTION_VALUES[key] as readonly string[];
    const target = value ?? keyNode;
    if (value?.type === 'string' && allowed.includes(value.value as string)) {
      (result.explicit as Record<string, string>)[key] = value.value as string;
      result.locations[key] = { property: rangeOf(property), value: rangeOf(value) };
      continue;
    }
    result.findings.push({
      code: SHARING_CODES.invalidValue,
      severity: 'error',
      message: `\`${key}\` must be ${allowed.map((v) => `"${v}"`).join(' or ')}; the default, "${DEFAULT_SHARING_SETTINGS[key]}", applies instead.`,
      range: rangeOf(target),
      fixes: value ? allowed.map((v) => ({ title: `Set \`${key}\` to "${v}"`, edits: [{ ...rangeOf(value), newText: JSON.stringify(v) }] })) : undefined,
    });
  }
  result.settings = { ...DEFAULT_SHARING_SETTINGS, ...result.explicit };
  return result;
}
