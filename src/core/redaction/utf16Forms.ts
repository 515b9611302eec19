/**
 * A secret sent as UTF-16 (Windows APIs, PowerShell's `-EncodedCommand`, a .NET `Unicode`
 * string) and then printed as if it were bytes: every ASCII character followed (little-endian) or
 * preceded (big-endian) by a NUL. Both byte orders share the middle, which is the spelling looked
 * for; its JSON spelling (`a\u0000b`) comes from the JSON escapes, its base64 from the base64 forms.
 */
export function utf16InterleavedForms(text: string): string[] {
  if (!/^[\x20-\x7e]+$/.test(text) || text.length < 2) return [];
  return [[...text].join('\u0000')];
}

/** The UTF-16 little-endian bytes of `text`. */
export function utf16LittleEndian(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}
