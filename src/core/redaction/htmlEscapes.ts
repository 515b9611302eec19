/**
 * The ways a secret appears in HTML that a server or SDK rendered (an error page, a Jinja
 * template, a React or lodash `escape`): `&`, `<`, `>` always become entities, quotes differ.
 */

const ESCAPERS: ReadonlyArray<Record<string, string>> = [
  { '"': '&quot;', "'": '&#x27;' }, // Python html.escape
  { '"': '&#34;', "'": '&#39;' }, // MarkupSafe (Jinja, Flask)
  { '"': '&quot;', "'": '&#39;' }, // lodash, React, Go html/template
  {}, // html.escape(quote=False), XML text nodes
];

/** Every distinct HTML-escaped spelling of `text`, the plain text excluded. */
export function htmlEscapedForms(text: string): string[] {
  const forms = new Set<string>();
  for (const quotes of ESCAPERS) {
    const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', ...quotes };
    forms.add(text.replace(/[&<>"']/g, (character) => entities[character] ?? character));
  }
  forms.delete(text);
  return [...forms];
}
