// `npm run test:mutation [-- --mutate 'src/core/graph/**/*.ts']`: mutation testing (StrykerJS), with its TypeScript checker. Each
// mutant is a small deliberate bug in src/; a mutant the unit tests do not notice (it "survives")
// is a bug they would let through. Incremental mode is on, but with mocha it reuses little (README).
// Reports: .test-run/mutation/report.html and report.json.
import fs from 'node:fs';

// Mocha runs a mutant's covering tests in file order and stops at the first failure, so a mutant a quick
// test catches should not wait behind the slow suites (whole corpora, property tests, spawned linters, the
// pages in jsdom): those run last, slowest last (their times in a plain unit run: 0.3 to 14 s per file).
const SLOW_LAST = ['activation', 'webviewMain', 'webviewGraphMain', 'workspaceApi', 'sarif', 'serverValidation', 'corpus', 'analysis.secretScan', 'prototypeKeys', 'validator', 'serverFailures', 'serverClient', 'incrementalLint', 'cli', 'fuzz', 'redactionEncodings', 'redactor', 'publishedSchema'];
// MUTATION_TESTS_FIRST=redactor,redactionEncodings: the test files that test the mutated folder directly, run
// first. Without it, a mutant in code every lint passes through (the redactor) waits behind hundreds of lint tests.
const FIRST = (process.env.MUTATION_TESTS_FIRST ?? '').split(',').filter(Boolean);
// MUTATION_TESTS_ONLY=redactor,redactionEncodings: only those test files run. Every lint test passes through
// the redactor, so a redaction mutant that survives (or slows the redactor down) would otherwise cost the
// whole suite; measured by its own tests alone, the folder's score is a lower bound.
const ONLY = (process.env.MUTATION_TESTS_ONLY ?? '').split(',').filter(Boolean);
const unitTests = fs.readdirSync('test/unit').filter((f) => f.endsWith('.test.ts')).map((f) => f.slice(0, -'.test.ts'.length)).sort();
const testOrder = ONLY.length
  ? ONLY.filter((name) => unitTests.includes(name))
  : [
      ...FIRST.filter((name) => unitTests.includes(name)),
      ...unitTests.filter((name) => !SLOW_LAST.includes(name) && !FIRST.includes(name)),
      ...SLOW_LAST.filter((name) => unitTests.includes(name) && !FIRST.includes(name)),
    ];

export default {
  testRunner: 'mocha',
  // The unit tests run on esbuild bundles: the sandbox is built once, with every mutant switchable.
  buildCommand: 'node scripts/build.mjs',
  // The tests of the packaging (git-tracked files, the .vsix, npm pack) need the repository, not a sandbox copy.
  mochaOptions: { config: '.mocharc.json', spec: testOrder.map((name) => `dist/test/unit/${name}.test.js`), ignore: ['dist/test/unit/vsix.test.js', 'dist/test/unit/openExamples.test.js', 'dist/test/unit/cliPackage.test.js'] },
  coverageAnalysis: 'perTest',
  // Mutants TypeScript rejects (an optional chain dropped under strict null checks, an array of the wrong
  // element type) could never ship: the checker sets them aside before any test runs. In a first trial
  // (serverValidation/locate.ts) that was 49 of 89 mutants, each of which would otherwise have run its tests.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  // A mutant in module-level code (a constant table) runs when the bundle loads, so every test
  // "covers" it and each one would cost the whole suite (a minute); those are left out for now.
  ignoreStatic: true,
  mutate: ['src/core/**/*.ts', 'src/webview/**/*.ts'],
  incremental: true,
  incrementalFile: '.test-run/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.test-run/mutation/report.html' },
  jsonReporter: { fileName: '.test-run/mutation/report.json' },
  tempDirName: '.test-run/stryker-tmp',
  // What the sandbox needs: sources, tests, fixtures, build scripts; not VS Code, the engine or outputs.
  ignorePatterns: ['.vscode-test', '.engine', '.inference-server', '.test-run', 'dist', 'cli/dist', 'media/dist', '*.vsix'],
  concurrency: 2,
  // The first run is the whole unit suite with per-test coverage: minutes on a loaded 2-core machine
  // (the default limit, 5 minutes, failed a run beside a build).
  dryRunTimeoutMinutes: 30,
  // A mutant that loops forever (a `while` whose exit is mutated away) is cut off soon after the covering tests' usual time.
  timeoutMS: 3_000,
  thresholds: { high: 90, low: 85, break: null },
};
