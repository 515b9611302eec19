#!/usr/bin/env node
// `npm run test:mutation -- [--changed] [--record] [--concurrency N] [paths…]`: mutation testing (StrykerJS,
// stryker.config.mjs) with per-folder targets.
//
//   paths…     files or folders under src/core and src/webview to mutate (default: both folders whole);
//   --changed  mutate only what changed since it was last measured (test/mutation/baseline.json): in each file
//              whose content differs, the lines `git diff` gives against the commit it was measured at (the
//              whole file when that commit is unknown, or for a new file). Nothing changed: nothing to run.
//              This is the CI gate (scripts/test-all.sh);
//   --record   write the measured files' hashes, commit and scores to the baseline, when every folder meets its target;
//   --list     print what would be mutated, and run nothing;
//   --from-report FILE  score (and with --record, record) a Stryker JSON report already made, instead of running
//              Stryker: each file must be in it with exactly its content on disk (a report keeps each file's source);
//   --baseline-unmeasured  record the files the baseline does not know yet as they are now, unmeasured (score
//              null), so that from now on a change to them is measured. Runs nothing.
//
// The score of a folder is (killed + timed out) / (killed + timed out + survived + not covered), over the
// files mutated in this run, leaving out the mutants listed in test/mutation/equivalent.json (each with the
// reason it cannot be told apart from the original). Below the target (src/core 85%, src/webview 70%), exit 1.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE = path.join(root, 'test/mutation/baseline.json');
const EQUIVALENT = path.join(root, 'test/mutation/equivalent.json');
const REPORT = path.join(root, '.test-run/mutation/report.json');
const MUTATED_ROOTS = ['src/core', 'src/webview'];
/** Targets per top folder; a file's folder is its directory, judged against the target of its root. */
const TARGETS = { 'src/core': 85, 'src/webview': 70 };

function parseArgs(argv) {
  const options = { changed: false, record: false, list: false, baselineUnmeasured: false, concurrency: undefined, fromReport: undefined, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--changed') options.changed = true;
    else if (arg === '--record') options.record = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--baseline-unmeasured') options.baselineUnmeasured = true;
    else if (arg === '--concurrency') options.concurrency = Number(argv[++i]);
    else if (arg === '--from-report') options.fromReport = argv[++i];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.paths.push(arg.replace(/\/+$/, ''));
  }
  return options;
}

function sourceFiles(under) {
  const full = path.join(root, under);
  if (!fs.existsSync(full)) throw new Error(`${under} does not exist`);
  if (fs.statSync(full).isFile()) return [under];
  return fs
    .readdirSync(full, { recursive: true })
    .map((entry) => path.posix.join(under, entry.split(path.sep).join('/')))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort();
}

const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const headCommit = () => git('rev-parse', 'HEAD').stdout.trim();

/** The file's lines that differ from `commit` (1-based, inclusive ranges), or undefined when git cannot say. */
function changedLines(file, commit) {
  if (!commit) return undefined;
  const diff = git('diff', '--no-ext-diff', '-U0', commit, '--', file);
  if (diff.status !== 0) return undefined;
  const ranges = [];
  for (const match of diff.stdout.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    // A deletion (count 0) changes what runs around it: mutate the lines on both sides.
    ranges.push(count === 0 ? [Math.max(1, start), start + 1] : [start, start + count - 1]);
  }
  return ranges;
}

/** The file as `commit` has it is byte for byte the file on disk. */
function committedAsIs(file, commit) {
  const shown = spawnSync('git', ['show', `${commit}:${file}`], { cwd: root });
  return shown.status === 0 && Buffer.compare(shown.stdout, fs.readFileSync(path.join(root, file))) === 0;
}

const hashOf = (file) => crypto.createHash('sha256').update(fs.readFileSync(path.join(root, file))).digest('hex');
const readJson = (file, fallback) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : fallback);
const targetOf = (file) => TARGETS[MUTATED_ROOTS.find((r) => file.startsWith(`${r}/`))];

/** Mutants that behave exactly like the original code, so no test can kill them:
 * `{ file, line, column?, mutator, replacement?, reason }` (column and replacement narrow the match). */
function equivalentMutants() {
  const list = readJson(EQUIVALENT, []);
  for (const entry of list) {
    if (!entry.file || !entry.line || !entry.mutator || !entry.reason) throw new Error(`${path.relative(root, EQUIVALENT)}: every entry needs file, line, mutator and reason: ${JSON.stringify(entry)}`);
  }
  return list;
}

function isEquivalent(list, file, mutant) {
  return list.some(
    (e) =>
      e.file === file &&
      e.line === mutant.location.start.line &&
      (e.column === undefined || e.column === mutant.location.start.column) &&
      e.mutator === mutant.mutatorName &&
      (e.replacement === undefined || e.replacement === mutant.replacement),
  );
}

function countScores(report, files, equivalents) {
  const perFile = new Map();
  for (const file of files) {
    const result = report.files[file] ?? report.files[path.join(root, file)];
    const counts = { detected: 0, undetected: 0, equivalent: 0, survivors: [] };
    for (const mutant of result?.mutants ?? []) {
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') counts.detected++;
      else if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        if (isEquivalent(equivalents, file, mutant)) counts.equivalent++;
        else {
          counts.undetected++;
          counts.survivors.push(`${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement ?? '')} (${mutant.status})`);
        }
      }
    }
    perFile.set(file, counts);
  }
  return perFile;
}

function writeBaseline(baseline) {
  baseline.files = Object.fromEntries(Object.entries(baseline.files).sort(([a], [b]) => a.localeCompare(b)));
  fs.mkdirSync(path.dirname(BASELINE), { recursive: true });
  fs.writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
}

const score = (c) => (c.detected + c.undetected === 0 ? 100 : (100 * c.detected) / (c.detected + c.undetected));

function main() {
  const options = parseArgs(process.argv.slice(2));
  const baseline = readJson(BASELINE, { files: {} });
  const roots = options.paths.length ? options.paths : MUTATED_ROOTS;
  for (const r of roots) {
    if (!MUTATED_ROOTS.some((m) => r === m || r.startsWith(`${m}/`))) throw new Error(`${r} is not under ${MUTATED_ROOTS.join(' or ')}`);
  }
  let files = [...new Set(roots.flatMap(sourceFiles))];
  if (options.baselineUnmeasured) {
    const commit = headCommit();
    const added = files.filter((file) => !baseline.files[file]);
    for (const file of added) baseline.files[file] = { sha256: hashOf(file), commit: committedAsIs(file, commit) ? commit : null, score: null };
    writeBaseline(baseline);
    console.log(`mutation: ${added.length} file(s) recorded as they are, unmeasured`);
    return 0;
  }
  let mutate = files;
  if (options.changed) {
    files = files.filter((file) => baseline.files[file]?.sha256 !== hashOf(file));
    if (files.length === 0) {
      console.log(`mutation: every file under ${roots.join(', ')} is as it was when last measured (${path.relative(root, BASELINE)}); nothing to run.`);
      return 0;
    }
    mutate = files.flatMap((file) => {
      const ranges = changedLines(file, baseline.files[file]?.commit);
      return ranges === undefined ? [file] : ranges.map(([from, to]) => `${file}:${from}-${to}`);
    });
    console.log(`mutation: changed since last measured: ${mutate.join(', ')}`);
    if (mutate.length === 0) {
      console.log('mutation: the changes remove lines only; nothing to mutate.');
      return 0;
    }
  }
  if (options.list) {
    console.log(mutate.join('\n'));
    return 0;
  }
  const equivalents = equivalentMutants();
  if (options.fromReport) {
    if (options.changed) throw new Error('--from-report scores whole files: it does not go with --changed');
    const report = JSON.parse(fs.readFileSync(path.resolve(options.fromReport), 'utf8'));
    const stale = files.filter((file) => (report.files[file] ?? report.files[path.join(root, file)])?.source !== fs.readFileSync(path.join(root, file), 'utf8'));
    if (stale.length) throw new Error(`${options.fromReport} did not measure these files as they are now: ${stale.join(', ')}`);
    return scoreAndRecord(report, files, equivalents, baseline, options);
  }
  fs.rmSync(REPORT, { force: true });
  const args = ['stryker', 'run', '--mutate', mutate.join(',')];
  if (options.concurrency) args.push('--concurrency', String(options.concurrency));
  // Stryker's incremental mode reuses a mutant's result while its code and the names of its tests are
  // unchanged; it cannot see a test's body change (mocha reports no test locations), so a stronger or
  // weaker test would keep the old verdict. The gate mutates few lines: it measures them afresh.
  if (options.changed) args.push('--force');
  const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, PROPERTY_RUNS_SCALE: '0.1', MUTATED_PATHS: mutate.join(',') } });
  if (run.status !== 0 || !fs.existsSync(REPORT)) {
    console.error(`mutation: Stryker failed (exit ${run.status})`);
    return 1;
  }
  return scoreAndRecord(JSON.parse(fs.readFileSync(REPORT, 'utf8')), files, equivalents, baseline, options);
}

function scoreAndRecord(report, files, equivalents, baseline, options) {
  const perFile = countScores(report, files, equivalents);

  // Folder by folder, then the files below target and their surviving mutants.
  const folders = new Map();
  for (const [file, c] of perFile) {
    const folder = path.posix.dirname(file);
    const total = folders.get(folder) ?? { detected: 0, undetected: 0, equivalent: 0 };
    total.detected += c.detected;
    total.undetected += c.undetected;
    total.equivalent += c.equivalent;
    folders.set(folder, total);
  }
  const failures = [];
  console.log('\n| folder | score | target | detected | undetected | equivalent |\n|---|---|---|---|---|---|');
  for (const [folder, c] of [...folders].sort()) {
    const target = targetOf(`${folder}/x`);
    const value = score(c);
    console.log(`| ${folder} | ${value.toFixed(1)}% | ${target}% | ${c.detected} | ${c.undetected} | ${c.equivalent} |`);
    if (value < target) failures.push(folder);
  }
  for (const [file, c] of perFile) {
    if (c.survivors.length) console.log(`\n${file}: ${score(c).toFixed(1)}%, ${c.survivors.length} undetected\n  ${c.survivors.join('\n  ')}`);
  }
  if (options.record && failures.length) {
    console.error(`\nmutation: not recorded: ${failures.join(', ')} below target.`);
  } else if (options.record) {
    const commit = headCommit();
    for (const [file, c] of perFile) {
      baseline.files[file] = { sha256: hashOf(file), commit: committedAsIs(file, commit) ? commit : null, score: options.changed ? null : Number(score(c).toFixed(1)) };
    }
    writeBaseline(baseline);
    console.log(`\nmutation: recorded ${perFile.size} file(s) in ${path.relative(root, BASELINE)}`);
  }
  if (failures.length) {
    console.error(`\nmutation: below target in ${failures.join(', ')}: kill the mutants listed above with tests that assert what a user sees, or list a truly equivalent one in ${path.relative(root, EQUIVALENT)} with the reason.`);
    return 1;
  }
  console.log('\nmutation: every folder meets its target.');
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`mutation: ${error.message}`);
  process.exitCode = 2;
}
