import type { FormattingOptions, Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { OffsetRange, TextEdit } from '../findings';
import { analyzeWorkflowSecurity } from './analyze';
import type { MovableSecret } from './writtenSecrets';
import { appendToArrayEdits, applyTextEdits, diffEdit, editsOverlap, formattingOf, removePropertyEdits, replaceValueEdit } from '../text/jsonEdits';

/** "Move to SecretStorage": the document side of it. The editor stores the value (read it with
 * `readSecretLiteral` before applying) under `inputName`, then applies `edits`, which take the
 * value out of the file and make the step read `$inputs.<inputName>` instead. */

export interface LiteralSecretFix {
  /** The input the step reads after the fix; also the SecretStorage name for the value. */
  inputName: string;
  /** The provider (id) it is stored for: a stored credential fills only that provider's fields. */
  provider: string;
  /** The JSON string holding the secret now. */
  valueRange: OffsetRange;
  edits: TextEdit[];
}

/** What a caller already knows about the text, so many fixes do not each re-read a large document. */
export interface ParsedText {
  /** jsonc-parser's tree of the same text. */
  root?: Node;
  options?: FormattingOptions;
}

/** The input a literal secret moves to. */
export function credentialInputDeclaration(name: string, kinds: readonly string[]): { type: 'WorkflowParameter'; name: string; kind: string[] } {
  return { type: 'WorkflowParameter', name, kind: [...kinds] };
}

/** Edits that move one literal secret out of the document:
 *  - in a step: replace it with `$inputs.<name>` and append a `WorkflowParameter` of kind `secret`;
 *  - as an input's `default_value`: remove the default (the input already carries the value). */
export function literalSecretEdits(text: string, secret: Omit<MovableSecret, 'provider'>, parsed: ParsedText = {}): TextEdit[] {
  const options = parsed.options ?? formattingOf(text);
  if (secret.where === 'input-default') return removePropertyEdits(text, secret.path, options);

  const replacement = replaceValueEdit(secret.range, `$inputs.${secret.inputName}`);
  const declaration = credentialInputDeclaration(secret.inputName, secret.inputKinds);
  const insertion = appendToArrayEdits(text, ['inputs'], declaration, options, parsed.root); // parses `text` itself when no tree is given
  if (!editsOverlap([replacement], insertion)) return [replacement, ...insertion];
  // The insertion would reformat text around the secret: one edit from the combined result.
  const replaced = applyTextEdits(text, [replacement]);
  const final = applyTextEdits(replaced, appendToArrayEdits(replaced, ['inputs'], declaration, options));
  return [diffEdit(text, final)];
}

/** The decoded string at a literal secret's range, for the editor to store. Never put it in a
 * message. */
export function readSecretLiteral(text: string, range: OffsetRange): string | undefined {
  try {
    const value: unknown = JSON.parse(text.slice(range.offset, range.offset + range.length));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The literal secret whose value contains `offset` (a diagnostic's start), with its fix: a
 * credential field's value, or any other string that is wholly a credential where an input can
 * take its place. `storedSecrets`: as the analysis that reported it was given them. */
export function literalSecretFixAt(text: string, catalog: Catalog, offset: number, storedSecrets?: readonly string[]): LiteralSecretFix | undefined {
  const analysis = analyzeWorkflowSecurity(text, catalog, { storedSecrets });
  const contains = (range: OffsetRange) => offset >= range.offset && offset < range.offset + range.length;
  const credential = analysis.credentials.literalSecrets.find((s) => contains(s.range));
  const secret: MovableSecret | undefined = credential ? { ...credential, provider: credential.use.provider.id } : analysis.writtenSecrets.find((s) => s.fix && contains(s.nodeRange))?.fix;
  if (!secret) return undefined;
  return { inputName: secret.inputName, provider: secret.provider, valueRange: secret.range, edits: literalSecretEdits(text, secret) };
}
