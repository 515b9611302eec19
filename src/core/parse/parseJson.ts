import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Finding } from '../findings';
import { ownValue } from '../ownProperties';

export interface ParsedJson {
  root: Node | undefined;
  findings: Finding[];
}

const MESSAGES: Partial<Record<string, string>> = {
  InvalidCommentToken: 'Comments are not allowed: the inference server parses strict JSON. Remove the comment.',
  PropertyNameExpected: 'Expected a property name in double quotes (a trailing comma is not allowed in strict JSON).',
  ValueExpected: 'Expected a value (a trailing comma is not allowed in strict JSON).',
  CommaExpected: 'Expected a comma between elements.',
  ColonExpected: 'Expected a colon after the property name.',
  CloseBraceExpected: 'Expected a closing brace `}`.',
  CloseBracketExpected: 'Expected a closing bracket `]`.',
  EndOfFileExpected: 'Expected the end of the document: only one JSON value is allowed.',
  UnexpectedEndOfString: 'The string is not closed: add the missing `"`.',
  InvalidEscapeCharacter: 'Invalid escape sequence in a string.',
  InvalidUnicode: 'Invalid unicode escape in a string.',
  InvalidCharacter: 'Invalid character: control characters must be escaped inside strings.',
  InvalidSymbol: 'Invalid symbol: expected a JSON value (string, number, object, array, true, false or null).',
  InvalidNumberFormat: 'Invalid number format.',
  UnexpectedEndOfNumber: 'The number is incomplete.',
};

const STRUCTURE = /[{}[\]"]/g;

/** Maximum bracket depth, skipping strings; linear, and jumps from one structural character to the next. */
export function nestingDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let maxOffset = 0;
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match; match = STRUCTURE.exec(text)) {
    const c = text.charCodeAt(match.index);
    if (c === 34 /* " */) {
      // Skip to the closing quote, stepping over escaped ones.
      let end = match.index;
      do {
        end = text.indexOf('"', end + 1);
        if (end < 0) return { depth: max, offset: maxOffset };
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
      } while (true);
      STRUCTURE.lastIndex = end + 1;
    } else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        maxOffset = match.index;
      }
    } else depth--;
  }
  return { depth: max, offset: maxOffset };
}

/** The finding for a document too deeply nested to process (measured only when that happens). */
export function nestingTooDeep(text: string): Finding {
  const nesting = nestingDepth(text);
  return {
    code: 'nesting-too-deep',
    severity: 'error',
    message: `The document is nested ${nesting.depth} levels deep, too deep to check. A workflow needs only a few levels: look for runaway brackets.`,
    range: { offset: nesting.offset, length: 1 },
  };
}

/** Strict JSON parse with ranges for every syntax error. Comments and trailing commas are errors. */
export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch (error) {
    // The parser recurses per level; absurd nesting exhausts the stack, which we report instead.
    if (error instanceof RangeError) return { root: undefined, findings: [nestingTooDeep(text)] };
    throw error;
  }
  const findings: Finding[] = errors.map((error) => {
    const name = printParseErrorCode(error.error);
    return {
      // With comments disallowed, an unclosed comment is reported as a comment too (never UnexpectedEndOfComment).
      code: name === 'InvalidCommentToken' ? 'json-comment' : 'json-syntax',
      severity: 'error',
      message: ownValue(MESSAGES, name) ?? `JSON syntax error: ${name}.`,
      range: { offset: error.offset, length: Math.max(error.length, 1) },
    };
  });
  return { root, findings };
}
