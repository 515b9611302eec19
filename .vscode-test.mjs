// @vscode/test-cli configuration: runs the same integration suite (dist/test/integration/**/*.test.js)
// in a downloaded desktop VS Code, on machines that can reach update.code.visualstudio.com:
//
//   node scripts/build.mjs && npx vscode-test            (add --label integration, --grep <re> …)
//
// Machines without that access (CI here) use `node test/run-integration.mjs` (code-server) instead.
// Like that runner, this copies test/fixtures/workspace to .test-run/workspace (tests edit files
// there, never the committed fixtures) and uses a throw-away profile with fixed settings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@vscode/test-cli';
import { DEFAULT_SETTINGS } from './test/e2e/settings.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const runRoot = path.join(root, '.test-run');
const workspace = path.join(runRoot, 'workspace');
const profile = path.join(runRoot, 'electron');

fs.rmSync(workspace, { recursive: true, force: true });
fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
fs.rmSync(profile, { recursive: true, force: true });
fs.mkdirSync(path.join(profile, 'user-data/User'), { recursive: true });
fs.writeFileSync(
  path.join(profile, 'user-data/User/settings.json'),
  JSON.stringify(DEFAULT_SETTINGS, null, 2),
);

export default defineConfig([
  {
    label: 'integration',
    files: 'dist/test/integration/**/*.test.js',
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    extensionDevelopmentPath: root,
    workspaceFolder: workspace,
    launchArgs: [
      '--disable-workspace-trust',
      '--disable-extensions', // other installed extensions; the one under development still loads
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
    ],
    mocha: {
      ui: path.join(root, 'test/integration/bdd-and-tdd.cjs'), // describe/it and suite/test
      timeout: 30_000,
      slow: 2_000,
    },
  },
]);
