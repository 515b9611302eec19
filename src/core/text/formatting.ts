import type { FormattingOptions } from 'jsonc-parser';

/** Formatting of an existing document (indent and line ends), so our edits look like the user's. */
export function inferFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text.match(/^[ \t]+(?=["{[\]}])/gm) ?? [];
  const tabs = indents.filter((i) => i.startsWith('\t')).length;
  if (tabs > indents.length / 2) return { insertSpaces: false, tabSize: 4, eol };
  let size = 0;
  for (const indent of indents) {
    if (indent.length && (size === 0 || indent.length < size)) size = indent.length;
  }
  return { insertSpaces: true, tabSize: size || 2, eol };
}
