import type { JSONPath, Node } from 'jsonc-parser';
import type { OffsetRange } from '../findings';
import { describeShapeMatch, findProviderKeys } from '../redaction/providerKeyShapes';
import { secretVariants } from '../redaction/secretVariants';
import { isPlaceholder, isPublishableKey, managedKeyKind } from './credentials';

/**
 * Credentials written anywhere in a workflow document, whatever the field: every string value of
 * the JSON tree (step properties at any depth, header dicts, URLs, input defaults, outputs, custom
 * Python) is checked for provider key shapes, credentials in URL query strings or user info,
 * `Bearer …` / `Basic …` authorizations, string values of credential-named entries, and the values
 * the caller knows to be secret (SecretStorage) in any spelling the redactor knows. Values are
 * never copied into results: a secret is known by its range, its path and a description.
 */

export type WrittenSecretKind = 'stored-secret' | 'provider-key' | 'authorization' | 'query-parameter' | 'url-password' | 'credential-entry';

export interface WrittenSecret {
  kind: WrittenSecretKind;
  /** The JSON string node (quotes included). */
  nodeRange: OffsetRange;
  /** The secret itself within it when it can be located exactly, else the whole string. */
  range: OffsetRange;
  /** The string's location; for a secret in an object key, the path of that property. */
  path: JSONPath;
  /** The whole string is the secret (a fix can replace it by an input). */
  whole: boolean;
  /** In an object key rather than a value. */
  inKey: boolean;
  /** "an OpenAI API key (sk-p…, 164 characters)": never more than 4 characters of the value. */
  description: string;
  /** The input a fix would read it from, by what it is (`openai_api_key`), when known. */
  suggestedInput?: string;
}

/** Values that are never secrets: selectors, Roboflow's publishable keys, the managed key. */
function neverSecret(value: string): boolean {
  return /^\$(inputs|steps)\./.test(value) || isPublishableKey(value) || managedKeyKind(value) !== undefined;
}

/** A value long and specific enough to be a credential rather than a word or a setting. */
function nonTrivial(value: string): boolean {
  return value.length >= 8 && !isPlaceholder(value) && !/[<>{}]/.test(value) && !neverSecret(value) && !/^\d+$/.test(value);
}

const CREDENTIAL_ENTRY = /^(?:x-)?(?:[a-z0-9]+[-_])*(?:api[-_]?key|apikey|access[-_]?token|auth[-_]?token|refresh[-_]?token|token|secret|client[-_]?secret|secret[-_]?key|private[-_]?key|password|passwd|authorization)$/i;
const QUERY = /[?&;]([A-Za-z0-9_.-]+)=([^&#\s"'<>]+)/g;
const QUERY_CREDENTIAL = /^(?:[A-Za-z0-9]+[-_.])*(?:token|key|api[-_]?key|apikey|access[-_]?token|secret|password|passwd|pwd|signature|sig|auth|credential)$/i;
const URL_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:([^\s/@"']+)@/gi;
const AUTHORIZATION = /\b(bearer|basic)[ \t]+([A-Za-z0-9\-._~+/]+=*)/gi;

interface Hit {
  kind: WrittenSecretKind;
  start: number;
  end: number;
  description: string;
  suggestedInput?: string;
}

/** Known secrets and their spellings, longest first (a longer spelling is the better range). */
export interface KnownSecrets {
  exact: Set<string>;
  variants: string[];
}

/** Values shorter than this are matched only as a whole string: `abc1` inside text is chance. */
const MIN_CONTAINED_LENGTH = 8;

export function knownSecrets(values: readonly string[]): KnownSecrets {
  const exact = new Set<string>();
  const variants = new Set<string>();
  for (const raw of values) {
    const value = raw.trim();
    if (value.length < 4 || neverSecret(value)) continue;
    exact.add(value);
    if (value.length >= MIN_CONTAINED_LENGTH) for (const variant of secretVariants(value)) variants.add(variant);
  }
  return { exact, variants: [...variants].sort((a, b) => b.length - a.length) };
}

const STORED = 'a credential stored in your SecretStorage';

function storedHit(value: string, known: KnownSecrets): Hit | undefined {
  if (known.exact.has(value.trim())) return { kind: 'stored-secret', start: 0, end: value.length, description: STORED };
  for (const variant of known.variants) {
    const at = value.indexOf(variant);
    if (at >= 0) return { kind: 'stored-secret', start: at, end: at + variant.length, description: STORED };
  }
  return undefined;
}

/** The first credential in one string, most certain kind first. */
function hitIn(value: string, key: string | undefined, known: KnownSecrets): Hit | undefined {
  // Nothing below 8 characters has a shape to recognise; only a short stored value can match.
  if (value.length < 8 && !known.exact.has(value.trim())) return undefined;
  if (neverSecret(value)) return undefined;
  const stored = storedHit(value, known);
  if (stored) return stored;
  const [shape] = findProviderKeys(value);
  if (shape) return { kind: 'provider-key', start: shape.start, end: shape.end, description: describeShapeMatch(value, shape), suggestedInput: shape.shape.inputName };
  for (const match of value.matchAll(AUTHORIZATION)) {
    const token = match[2];
    if (token.length < 8 || isPlaceholder(token) || !(/\d/.test(token) || token.length >= 20)) continue;
    const start = match.index + match[0].length - token.length;
    return { kind: 'authorization', start, end: start + token.length, description: `a \`${match[1].toLowerCase() === 'basic' ? 'Basic' : 'Bearer'} …\` authorization (${token.length} characters)` };
  }
  for (const match of value.matchAll(QUERY)) {
    const [, name, parameter] = match;
    if (!QUERY_CREDENTIAL.test(name) || !nonTrivial(decodeSafely(parameter))) continue;
    const start = match.index + match[0].length - parameter.length;
    return { kind: 'query-parameter', start, end: start + parameter.length, description: `a credential in query parameter \`${name}\` (${parameter.length} characters)` };
  }
  for (const match of value.matchAll(URL_USERINFO)) {
    const password = match[1];
    if (password.length < 3 || isPlaceholder(password) || password.startsWith('$')) continue;
    const start = match.index + match[0].length - 1 - password.length;
    return { kind: 'url-password', start, end: start + password.length, description: `a password in a URL (${password.length} characters)` };
  }
  if (key !== undefined && CREDENTIAL_ENTRY.test(key) && nonTrivial(value) && !/\s/.test(value.trim())) {
    return { kind: 'credential-entry', start: 0, end: value.length, description: `a credential under \`${key}\` (${value.length} characters)` };
  }
  return undefined;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Whether one string (the value under `key`) holds a credential the scan would report. */
export function holdsSecret(value: string, key: string | undefined, known: KnownSecrets): boolean {
  return hitIn(value, key, known) !== undefined;
}

/** Where `hit` lies in the document: exact when the string is written without escapes. */
function locate(node: Node, value: string, text: string | undefined, hit: Hit): OffsetRange {
  const whole = { offset: node.offset, length: node.length };
  if (text === undefined || hit.end - hit.start === value.length) return whole;
  const inner = text.slice(node.offset + 1, node.offset + node.length - 1);
  if (inner !== value) return whole;
  return { offset: node.offset + 1 + hit.start, length: hit.end - hit.start };
}

/**
 * Every string in the tree under `root` that holds a credential, in document order: one finding
 * per string (its first credential). `text` (the document) makes ranges exact within strings.
 */
export function scanForSecrets(root: Node, text: string | undefined, known: KnownSecrets = knownSecrets([])): WrittenSecret[] {
  const found: WrittenSecret[] = [];
  // An explicit stack: documents can nest deeper than the call stack allows.
  const pending: { node: Node; path: JSONPath; key?: string }[] = [{ node: root, path: [] }];
  while (pending.length) {
    const { node, path, key } = pending.pop()!;
    if (node.type === 'object') {
      const properties = node.children ?? [];
      for (let i = properties.length - 1; i >= 0; i--) {
        const [keyNode, valueNode] = properties[i].children ?? [];
        if (keyNode?.type !== 'string') continue;
        const name = keyNode.value as string;
        const keyHit = hitIn(name, undefined, known);
        if (keyHit) {
          const range = { offset: keyNode.offset, length: keyNode.length };
          found.push({ kind: keyHit.kind, nodeRange: range, range, path: [...path, name], whole: false, inKey: true, description: keyHit.description });
        }
        if (valueNode) pending.push({ node: valueNode, path: [...path, name], key: name });
      }
    } else if (node.type === 'array') {
      const items = node.children ?? [];
      for (let i = items.length - 1; i >= 0; i--) pending.push({ node: items[i], path: [...path, i] });
    } else if (node.type === 'string') {
      const value = node.value as string;
      const hit = hitIn(value, key, known);
      if (!hit) continue;
      const whole = hit.start === 0 && hit.end === value.length;
      found.push({
        kind: hit.kind,
        nodeRange: { offset: node.offset, length: node.length },
        range: locate(node, value, text, hit),
        path,
        whole,
        inKey: false,
        description: hit.description,
        suggestedInput: hit.suggestedInput,
      });
    }
  }
  return found.sort((a, b) => a.range.offset - b.range.offset);
}
