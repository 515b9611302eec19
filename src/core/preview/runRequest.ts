import type { DraftValues, InputField, JsonValue } from '../../protocol/preview';
import { parseDraft } from '../../protocol/inputValues';
import type { SecurityAnalysis } from '../analysis/analyze';
import { readSecretLiteral } from '../analysis/moveSecret';
import { emptyRecord, ownValue } from '../ownProperties';

/** The two halves of `POST /workflows/run`'s body, built in the extension host. Credentials go
 * into `inputs` under their input names; the definition itself is sent as written. */

export type ImageValue = { type: 'base64'; value: string } | { type: 'url'; value: string };

export type Built<T> = { ok: true; value: T } | { ok: false; message: string };

/** The definition as the `specification` object. */
export function parseSpecification(text: string): Built<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The workflow is not valid JSON (${err instanceof Error ? err.message : String(err)}). Fix the problems the editor shows, then run again.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The workflow must be a JSON object with `version`, `inputs`, `steps` and `outputs`.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export interface RunInputsParts {
  fields: readonly InputField[];
  drafts: DraftValues;
  images: Readonly<Record<string, ImageValue | undefined>>;
  /** Credential values by input name (from SecretStorage or a password box). */
  credentials: Readonly<Record<string, string>>;
}

/** `inputs`: every image, every parameter the user set (left out: the server uses its default), every credential. */
export function buildRunInputs(parts: RunInputsParts): Built<Record<string, JsonValue>> {
  // Input names come from the workflow: `__proto__` must stay a plain key, `toString` find nothing.
  const inputs = emptyRecord<JsonValue>();
  for (const field of parts.fields) {
    if (field.kind === 'image') {
      const image = ownValue(parts.images, field.name);
      if (!image) return { ok: false, message: `Choose an image for \`${field.name}\` (a file from the workspace, or a URL).` };
      inputs[field.name] = { type: image.type, value: image.value };
      continue;
    }
    const parsed = parseDraft(field, ownValue(parts.drafts, field.name));
    if (!parsed.ok) return { ok: false, message: parsed.message };
    if (parsed.value !== undefined) inputs[field.name] = parsed.value;
  }
  for (const name of Object.getOwnPropertyNames(parts.credentials)) inputs[name] = parts.credentials[name];
  return { ok: true, value: inputs };
}

/** Credentials written in the definition: they travel with it, so the run's redactor must know them. */
export function literalSecretValues(security: SecurityAnalysis): string[] {
  if (security.text === undefined) return [];
  const text = security.text;
  const values = security.credentials.literalSecrets.map((s) => readSecretLiteral(text, s.range));
  // Credentials found elsewhere (object keys too): the whole string, or the stretch of it that is
  // the credential, which starts after the string's opening quote.
  for (const secret of security.writtenSecrets) {
    const exact = secret.range.offset !== secret.nodeRange.offset;
    values.push(exact ? text.slice(secret.range.offset, secret.range.offset + secret.range.length) : readSecretLiteral(text, secret.nodeRange));
  }
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}
