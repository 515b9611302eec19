#!/usr/bin/env node
// One build for everything: schemas and their ajv standalone validators, then esbuild bundles for
// the extension, the CLI, the webview, the benchmarks and the test suites.
//   node scripts/build.mjs [--production] [--watch] [--cli]
// --cli builds only the command-line linter (cli/dist/cli.js, the `bin` of both the npm package in cli/
// and this repository when installed from git): what `prepare` and `prepack` need, in a few seconds.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchemas } from './build-schemas.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli');
const CLI_BUNDLE = 'cli/dist/cli.js';

buildSchemas();

function filesUnder(dir, suffix) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true }).filter((f) => f.endsWith(suffix)).map((f) => path.join(dir, f));
}

const IMPORT_META_SHIM = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // ESM-only dependencies (tinyglobby) read import.meta.url, which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: IMPORT_META_SHIM },
};

const builds = [
  // The extension stays small; the heavy core (compiled schemas, catalog) is its own bundle, required on first use.
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode', './core.js'] },
  { ...common, entryPoints: { core: 'src/core/api.ts' }, outdir: 'dist' },
  // Self-contained (no runtime dependencies), outside dist/ so the .vsix never carries it.
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: path.dirname(CLI_BUNDLE), banner: { js: `#!/usr/bin/env node\n${IMPORT_META_SHIM}` } },
  { ...common, entryPoints: { bench: 'bench/bench.ts', 'corpus-report': 'scripts/corpus-report.ts', 'update-catalog': 'scripts/update-catalog.ts', agreement: 'scripts/agreement.ts' }, outdir: 'dist', external: ['vscode-json-languageservice'] },
  {
    ...common,
    entryPoints: filesUnder('test/unit', '.test.ts').concat(filesUnder('test/engine', '.test.ts'), filesUnder('test/support', '.ts')),
    outdir: 'dist/test',
    outbase: 'test',
    // jsdom reads its own files (stylesheet, XHR worker) beside its sources: it cannot be bundled.
    external: ['vscode', 'mocha', 'fast-check', 'jsdom'],
  },
  {
    ...common,
    entryPoints: filesUnder('test/integration', '.ts'),
    outdir: 'dist/test',
    outbase: 'test',
    external: ['vscode', 'mocha'],
  },
];
if (fs.existsSync(path.join(root, 'src/webview/main.ts'))) {
  // The preview and graph webviews: browser IIFEs (no Node banner or import.meta shim); the CSS it imports
  // becomes media/dist/<name>.css. Nothing remote: a panel's CSP allows only its two files.
  builds.push({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    banner: {},
    define: {},
    mainFields: ['browser', 'module', 'main'],
    entryPoints: { preview: 'src/webview/main.ts', graph: 'src/webview/graph/main.ts' },
    outdir: 'media/dist',
  });
}

// Entry points that do not exist yet are skipped, so a partial tree still builds.
const exists = (p) => fs.existsSync(path.join(root, p));
const active = builds
  .filter((b) => !cliOnly || b.outdir === path.dirname(CLI_BUNDLE))
  .map((b) => ({ ...b, entryPoints: Array.isArray(b.entryPoints) ? b.entryPoints : Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => exists(p))) }))
  .filter((b) => (Array.isArray(b.entryPoints) ? b.entryPoints.length : Object.keys(b.entryPoints).length));
if (watch) {
  for (const options of active) await (await esbuild.context(options)).watch();
  console.log('[build] watching');
} else {
  await Promise.all(active.map((options) => esbuild.build(options)));
  if (fs.existsSync(path.join(root, CLI_BUNDLE))) fs.chmodSync(path.join(root, CLI_BUNDLE), 0o755);
  // The npm package in cli/ ships the license with the bundle.
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(root, 'cli/LICENSE'));
  console.log(`[build] ${active.length} bundles${production ? ' (production)' : ''}`);
}
