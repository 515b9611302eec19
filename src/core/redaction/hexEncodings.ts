/**
 * A secret's bytes in hex, as `bytes.hex()`, Node's `toString('hex')`, Go's `%x` / `%X` and
 * hexdumps print them. Lower and upper case only: separators (`de ad`, `de:ad`, `\xde\xad`) and
 * line breaks are skipped by the packed view the hex is looked for in, so they need no spelling.
 */
export function hexForms(bytes: Uint8Array): string[] {
  const lower = Buffer.from(bytes).toString('hex');
  return [lower, lower.toUpperCase()];
}
