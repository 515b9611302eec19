#!/usr/bin/env node
// For `npm start` (scripts/open-examples.sh): a throw-away copy of examples/ to open, so toggles, quick
// fixes and Move to SecretStorage edit the copy, never the repository's own files. The copy lives
// outside any git repository (no "A git repository was found in the parent folders" prompt).
//   node scripts/prepare-examples.mjs [--user-data <dir>]   prints the copy's path
// --user-data writes <dir>/User/settings.json: the settings of the test profiles, except that the
// extension's own settings keep their defaults (so the catalog refreshes as it does for a user).
// WORKSPACE_TRUST=1 turns workspace trust on, to try Restricted Mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS } from '../test/e2e/settings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function copyExamples() {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'roboflow-workflows-examples-'));
  fs.cpSync(path.join(root, 'examples'), dest, { recursive: true });
  return dest;
}

function examplesSettings(env = process.env) {
  const settings = Object.fromEntries(Object.entries(DEFAULT_SETTINGS).filter(([key]) => !key.startsWith('roboflowWorkflows.')));
  if (env.WORKSPACE_TRUST === '1') settings['security.workspace.trust.enabled'] = true;
  return settings;
}

const userData = process.argv.indexOf('--user-data');
if (userData > 0) {
  const file = path.join(process.argv[userData + 1], 'User/settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(examplesSettings(), null, 2) + '\n');
}
process.stdout.write(copyExamples() + '\n');
