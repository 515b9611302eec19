import fs from 'node:fs';
import { bundledCatalog } from '../core/catalog/bundled';
import { looksLikeWorkflow, WORKFLOW_FILE_SUFFIX } from '../core/detect';
import { lintWorkflow } from '../core/lint';
import { parseArgs, USAGE, type LintArgs } from './args';
import { emptyFileFinding } from './emptyFile';
import { formatJson, formatSarif, formatSummary, formatText, type FileReport } from './formatters';
import { emptySearchProblem, resolveFiles } from './files';
import { secretsFromEnvironment } from './knownSecrets';
import { version } from '../../package.json';

async function lint(args: LintArgs): Promise<number> {
  const { files, searches, problems } = await resolveFiles(args.patterns);
  const catalog = bundledCatalog();
  const storedSecrets = secretsFromEnvironment(process.env);
  const reports: FileReport[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file.path, 'utf8');
    } catch (error) {
      problems.push(`Cannot read \`${file.path}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      continue;
    }
    const result = lintWorkflow(text, catalog, { storedSecrets });
    // Globs reach every JSON file; only workflows (by name or by content) are linted.
    if (!file.explicit && !file.path.endsWith(WORKFLOW_FILE_SUFFIX) && !looksLikeWorkflow(result.root)) continue;
    const empty = emptyFileFinding(text);
    const all = empty ? [empty, ...result.findings] : result.findings;
    const findings = args.quiet ? all.filter((f) => f.severity === 'error') : all;
    reports.push({ path: file.path, text, findings });
  }
  const linted = new Set(reports.map((r) => r.path));
  for (const search of searches) {
    const problem = emptySearchProblem(search, linted);
    if (problem) problems.push(problem);
  }
  for (const problem of problems) process.stderr.write(`roboflow-workflows: ${problem}\n`);
  const output = args.format === 'json' ? formatJson(reports) : args.format === 'sarif' ? formatSarif(reports, version) : formatText(reports);
  if (output) process.stdout.write(output + '\n');
  if (args.format === 'text') process.stderr.write(formatSummary(reports) + '\n');
  if (problems.length) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case 'version':
      process.stdout.write(version + '\n');
      return 0;
    case 'error':
      process.stderr.write(`roboflow-workflows: ${args.message}\n\n${USAGE}\n`);
      return 2;
    case 'lint':
      return lint(args);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`roboflow-workflows: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
