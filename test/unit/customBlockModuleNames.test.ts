import assert from 'node:assert/strict';
import { validateWorkflow } from '../../src/core/validate';
import { moduleNames } from '../../src/core/validate/customBlocks/pythonNames';
import { codeOf, counterBlockWith, counterWorkflowFindings, inputsOf, type CounterWorkflow, type Json } from '../support/counterBlock';
import { freshCatalog } from '../support/freshCatalog';

/**
 * Which names a custom Python block's code binds at module level, where the engine looks up its
 * run and init functions (`hasattr(module, name)`), and what the user is told when it binds neither.
 */

const seen = counterWorkflowFindings;

const withCode = (code: Json, rest: CounterWorkflow = {}): CounterWorkflow => ({ ...rest, block: counterBlockWith((b) => Object.assign(codeOf(b), code)) });
const COUNT = 'def count(self, image, threshold):\n    return {"count": 1}\n';
const NO_RUN = 'Custom Python block `Counter`: There is no top-level function `run` in the code: define `def run(self, …)` there, or set `run_function_name` to the function you wrote. The server refuses the workflow.';
const noRun = (source: string): [string, string, string, string][] => [['dynamic-block-invalid', 'error', NO_RUN, JSON.stringify(source)]];

/** The names `source` binds beyond those every module has before its code runs, sorted; `undefined` when it may bind any. */
function ownNames(source: string): string[] | undefined {
  const before = moduleNames('')!;
  const names = moduleNames(source);
  return names && [...names].filter((name) => !before.has(name)).sort();
}

describe('custom block code: the names its module binds', () => {
  it('finds run imported by name, whatever the spacing or brackets of the import', () => {
    const imports = ['from  subprocess import run', 'from subprocess  import run', 'from subprocess import run', 'from subprocess import (run)', 'from subprocess import(run)', 'from subprocess import call, run', 'from math import floor as  run'];
    for (const line of imports) assert.deepEqual(seen(withCode({ imports: [line], run_function_code: COUNT })), [], line);
  });

  it('still refuses code without run when it imports other names', () => {
    assert.deepEqual(seen(withCode({ imports: ['from subprocess import call', 'import xml.dom'], run_function_code: COUNT })), noRun(COUNT));
  });

  it('finds run bound by a with statement', () => {
    assert.deepEqual(seen(withCode({ imports: ['import contextlib'], run_function_code: `${COUNT}\nwith contextlib.nullcontext(count) as run:\n    pass\n` })), []);
  });

  it('does not take a name assigned inside a string as bound', () => {
    const source = `${COUNT}\nNOTE = "; run = count"\n`;
    assert.deepEqual(seen(withCode({ run_function_code: source })), noRun(source));
  });

  it('keeps a function body going over blank lines, comment lines and bracketed strings at any indentation', () => {
    const inBody = [
      'if True:\n    def outer():\n        x = 1\n    \n        def run(self, image, threshold):\n            return {"count": 1}\n',
      'def outer():\n# a comment at column 0 does not end the body\n    def run(self, image, threshold):\n        return {"count": 1}\n',
      'def outer():\n    note = (\n"a string at column 0, inside brackets"\n    )\n    run = 1\n',
      'def outer():\n    note = (\n"""a string at column 0, inside brackets"""\n    )\n    run = 1\n',
      'def make_counter(self, image, threshold):\n    run = 1\n    return run\n',
    ];
    for (const source of inBody) assert.deepEqual(seen(withCode({ run_function_code: source })), noRun(source), source);
  });

  it('takes a module-level line after a function body as the module', () => {
    assert.deepEqual(seen(withCode({ run_function_code: 'def f():\n    pass\nrun = f\n' })), []);
  });

  it('names what each module-level statement binds', () => {
    const cases: [string, string[] | undefined][] = [
      ['x = "a"', ['x']],
      ["x = 'a'", ['x']],
      ['x = """a"""', ['x']],
      ['a = b = 1', ['a', 'b']],
      ['print(1)', []],
      ['for key, value in pairs:\n    pass', ['key', 'value']],
      ['import xml.dom', ['xml']],
      ['import xml.dom as dom', ['dom']],
      ['from m import (a, b,)', ['a', 'b']],
      ['from m import a', ['a']],
      ['from m import*', undefined],
    ];
    for (const [source, names] of cases) assert.deepEqual(ownNames(source), names, source);
    // A with statement binds its target, and the statement after its colon binds its own names.
    assert.deepEqual(ownNames('with a as b: import c'), ['b', 'c']);
    assert.deepEqual(ownNames('with a as b: from m import c'), ['b', 'c']);
  });

  it('reads the statement after a compound header\'s colon, and what the header binds', () => {
    const cases: [string, string[] | undefined][] = [
      ['if x: run = f', ['run']],
      ['if x: from m import run', ['run']],
      ['if f(a, b=1): run = f', ['run']],
      ['if x[1:2]: run = f', ['run']],
      ['if {1: 2}: run = f', ['run']],
      ['elif x: run = f', ['run']],
      ['else: run = f', ['run']],
      ['while x: run = f', ['run']],
      ['try: import run', ['run']],
      ['finally: run = f', ['run']],
      ['for a in b: run = a', ['a', 'run']],
      ['async for a in b: run = a', ['a', 'run']],
      ['async with a as b: run = b', ['b', 'run']],
      ['if x: from m import *', undefined],
      ['if x:', []],
      ['else:', []],
      ['iffy = 1', ['iffy']],
      ['format = 1', ['format']],
      ['trying: int = 1', ['trying']],
    ];
    for (const [source, names] of cases) assert.deepEqual(ownNames(source), names, source);
  });

  it('does not count the name of a caught exception, which Python unbinds when the handler ends', () => {
    assert.deepEqual(ownNames('try:\n    pass\nexcept Exception as run:\n    pass'), []);
    assert.deepEqual(ownNames('try:\n    pass\nexcept (KeyError, ValueError) as run: x = 1'), ['x']);
  });

  it('reads strings and comments in the order they start: a triple quote in a comment opens no string', () => {
    assert.deepEqual(ownNames('# a """ here\nrun = 1\n# and """ here'), ['run']);
    assert.deepEqual(ownNames('x = "# not a comment"; run = 1'), ['run', 'x']);
    assert.deepEqual(ownNames('x = """a \\""" b = 1"""\nrun = 1'), ['run', 'x']);
    assert.deepEqual(ownNames("x = '''a\nb = 1\n'''\nrun = 1"), ['run', 'x']);
    assert.deepEqual(ownNames('x = "a \\" b = 1"\nrun = 1'), ['run', 'x']);
  });
});

describe('custom block definitions: which the engine reads', () => {
  /** The codes of the errors and warnings for a workflow whose `dynamic_blocks_definitions` is `definitions` (JSON text). */
  const codes = (definitions: string) =>
    validateWorkflow(`{"version": "1.0", "inputs": [], "dynamic_blocks_definitions": ${definitions}, "steps": [], "outputs": []}`, freshCatalog())
      .findings.filter((f) => f.severity !== 'hint')
      .map((f) => f.code);

  it('reads nothing from an empty object, but a definition from a non-empty value that is not a list', () => {
    assert.deepEqual(codes('{}'), []);
    assert.ok(codes('"Counter"').includes('dynamic-block-invalid'));
  });
});

describe('custom block steps: a negative input offset', () => {
  it('names a step without a name as `?`', () => {
    const block = counterBlockWith((b) => (inputsOf(b).threshold.dimensionality_offset = -1));
    const offsetFindings = seen({ block, step: { name: undefined } }).filter(([code]) => code === 'dimensionality-mismatch');
    assert.deepEqual(offsetFindings.map(([, , message]) => message), ['Custom block `Counter` declares `dimensionality_offset` -1 for `threshold`, and the server refuses every step of a block with a negative input offset, so step `?` cannot run. Use 0 or 1.']);
  });
});
