/**
 * Which names a custom block's code binds at module level: the engine executes the code as a
 * module and asks `hasattr(module, name)` for the run and init functions (block_scaffolding.py),
 * so an assignment (`run = count`), an import (`from x import f as run`) or a `def` inside a
 * top-level `if` serves as well as a top-level `def`; a `def` inside a function or class does not.
 * A line scan, not a parser: where it cannot tell (`from x import *`), it answers that anything may be bound.
 */

/** What every module has before the code runs: the engine's own imports (IMPORTS_LINES), `globals` it injects, and module attributes. */
const PREAMBLE = new Set([
  'Any', 'List', 'Dict', 'Set', 'Optional', 'sv', 'np', 'math', 'time', 'json', 'os', 'requests', 'cv2', 'shapely', 'Batch', 'WorkflowImageData', 'BlockResult', 'debug_traces',
  'globals', '__builtins__', '__name__', '__doc__', '__package__', '__loader__', '__spec__',
]);

const NAME = '[A-Za-z_]\\w*';
const DEFINITION = new RegExp(`^(?:async\\s+)?(?:def|class)\\s+(${NAME})`);
// `a = …`, `a = b = …`, `a: T = …` (not `==`), and `a, b = …`.
const ASSIGNMENT = new RegExp(`^((?:${NAME}\\s*(?::[^=]*)?=(?!=)\\s*)+)`);
const TUPLE_ASSIGNMENT = new RegExp(`^\\(?\\s*(${NAME}(?:\\s*,\\s*${NAME})+)\\s*,?\\s*\\)?\\s*=(?!=)`);
const FOR_TARGETS = new RegExp(`^(?:async\\s+)?for\\s+\\(?([\\w\\s,]+?)\\)?\\s+in\\b`);
const AS_NAME = new RegExp(`\\bas\\s+(${NAME})`, 'g');

// Comments and strings, whichever starts first: a `"""` inside a comment opens no string, a `#` inside a string starts no comment.
const COMMENT_OR_STRING = /#.*|[rRbBuUfF]{0,2}("""|''')(?:\\[\s\S]|(?!\1)[\s\S])*\1|[rRbBuUfF]{0,2}("|')(?:\\.|(?!\2)[^\\\n])*\2/g;

/**
 * The code with its strings and comments removed (a triple-quoted string's lines joined), so neither
 * reads as code, and a line holding only them (in brackets, or a comment) counts as blank, as Python's indentation does.
 */
function codeOnly(source: string): string {
  return source.replace(COMMENT_OR_STRING, '');
}

// A compound statement's header, whose body may follow its colon on the same line (`if x: run = f`).
const HEADER = /^(?:(?:async\s+)?(?:for|with)|if|elif|else|while|try|except|finally)\b/;

/** The header and the body of a one-line compound statement, split at the first colon outside brackets; `undefined` when `statement` is not one. */
function splitHeader(statement: string): [string, string] | undefined {
  if (!HEADER.test(statement)) return undefined;
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0) return [statement.slice(0, i), statement.slice(i + 1).trim()];
  }
  return undefined;
}

/** The names one simple statement binds; `undefined` for a star import, which may bind any. */
function statementNames(statement: string): string[] | undefined {
  // `import` is followed by a space, `(` or `*`; the names are trimmed below.
  const from = /^from\s+\S+\s+import(.*)/.exec(statement);
  const imported = from?.[1] ?? /^import\s(.*)/.exec(statement)?.[1];
  if (imported !== undefined) {
    const names: string[] = [];
    for (const part of imported.replace(/[()]/g, '').split(',')) {
      const [target, alias] = part.trim().split(/\s+as\s+/);
      if (target === '*') return undefined;
      // An empty target (a trailing comma) gives an empty name, which the caller skips.
      names.push(alias ?? (from ? target : target.split('.')[0]));
    }
    return names;
  }
  const compound = splitHeader(statement);
  if (compound) {
    // `except E as e` unbinds `e` when the handler ends; a `with` or `for` header keeps what it binds.
    const header = compound[0].startsWith('except') ? [] : statementNames(compound[0])!;
    const body = compound[1] ? statementNames(compound[1]) : [];
    return body && [...header, ...body];
  }
  return [
    ...(ASSIGNMENT.exec(statement)?.[1].split('=').map((target) => target.split(':')[0]) ?? []),
    ...(TUPLE_ASSIGNMENT.exec(statement)?.[1].split(',') ?? []),
    ...(FOR_TARGETS.exec(statement)?.[1].split(',') ?? []),
    ...[...statement.matchAll(AS_NAME)].map((match) => match[1]),
  ].map((name) => name.trim());
}

/** The module-level names of `source`, or `undefined` when a star import may bind any name. */
export function moduleNames(source: string): Set<string> | undefined {
  const names = new Set(PREAMBLE);
  // The indentation of the `def` or `class` whose body is being skipped: its names are not the module's.
  let bodyIndent: number | undefined;
  for (const line of codeOnly(source).split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    if (bodyIndent !== undefined && indent > bodyIndent) continue;
    bodyIndent = undefined;
    for (const statement of line.split(';').map((s) => s.trim())) {
      const definition = DEFINITION.exec(statement);
      if (definition) {
        // What follows on the line (`def f(): x = 1`) is the body.
        names.add(definition[1]);
        bodyIndent = indent;
        break;
      }
      const bound = statementNames(statement);
      if (!bound) return undefined;
      for (const name of bound) if (name) names.add(name);
    }
  }
  return names;
}
