import { parseTree, type FormattingOptions, type Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { OffsetRange, TextEdit } from '../findings';
import { analyzeWorkflowSecurity } from './analyze';
import type { LiteralSecret } from './credentials';
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
export function literalSecretEdits(text: string, secret: LiteralSecret, parsed: ParsedText = {}): TextEdit[] {
  const options = parsed.options ?? formattingOf(text);
  if (secret.where === 'input-default') return removePropertyEdits(text, secret.path, options);

  const replacement = replaceValueEdit(secret.range, `$inputs.${secret.inputName}`);
  const declaration = credentialInputDeclaration(secret.inputName, secret.inputKinds);
  const insertion = appendToArrayEdits(text, ['inputs'], declaration, options, parsed.root ?? parseTree(text));
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

/** The literal secret whose value contains `offset` (a diagnostic's start), with its fix. */
export function literalSecretFixAt(text: string, catalog: Catalog, offset: number): LiteralSecretFix | undefined {
  const secret = analyzeWorkflowSecurity(text, catalog).credentials.literalSecrets.find(
    (s) => offset >= s.range.offset && offset < s.range.offset + s.range.length,
  );
  if (!secret) return undefined;
  return { inputName: secret.inputName, provider: secret.use.provider.id, valueRange: secret.range, edits: literalSecretEdits(text, secret) };
}
