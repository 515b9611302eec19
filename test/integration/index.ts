// Mocha runner executed inside the VS Code extension host (extensionTestsPath points at the
// compiled dist/test/integration/index.js). Loads every compiled *.test.js next to it, runs them
// with both the BDD (describe/it) and TDD (suite/test) interfaces and the spec reporter (which
// writes through console.log, the channel the extension host forwards), prints
// `N passed, N failed` and rejects on failure.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  process.setSourceMapsEnabled?.(true); // stack traces point at test/**/*.ts (esbuild writes linked maps)
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.INTEGRATION_TIMEOUT_MS) || 30_000,
    slow: 2_000,
    grep: process.env.INTEGRATION_GREP || undefined,
  });
  Mocha.interfaces.tdd(mocha.suite); // in addition to bdd: both sets of globals (see bdd-and-tdd.cjs)
  const dir = __dirname;
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      console.log('0 passed, 1 failed');
      reject(new Error(`no *.test.js files under ${dir}`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        console.log('');
        console.log(`${passed} passed, ${failed} failed`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log('0 passed, 1 failed');
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
