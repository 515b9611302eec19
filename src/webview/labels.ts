/** Headings that pair a name with what it is (an input `image` of kind image, an output and the
 * shape of its value): the kind is left out when the name already says it, so a heading never
 * reads "image image". */

const comparable = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

/** The kind to show beside `name`, or undefined when it would repeat the name. */
export function kindBesideName(name: string, kind: string): string | undefined {
  return comparable(name) === comparable(kind) ? undefined : kind;
}
