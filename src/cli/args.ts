/** Command-line arguments of `roboflow-workflows`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintArgs {
  command: 'lint';
  patterns: string[];
  format: OutputFormat;
  quiet: boolean;
}

export type ParsedArgs = LintArgs | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: roboflow-workflows lint [options] <files or globs…>

Validates Roboflow Workflow definitions as the VS Code extension does.

Options:
  --format <text|json|sarif>  output format (default: text; sarif for GitHub code scanning)
  --quiet                     report errors only
  -h, --help                  show this help
  -v, --version               show the version

Secrets: values of ROBOFLOW_API_KEY and of the variables named in
ROBOFLOW_WORKFLOWS_SECRET_VARS (comma-separated) are errors wherever a file holds them.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem, or a glob or
folder with no workflow in it. Globs and folders skip JSON files that are not
workflows; files named explicitly are always linted.`;

export function parseArgs(argv: string[]): ParsedArgs {
  // Nothing to do is a usage error, so a CI step with a missing argument fails instead of passing.
  if (!argv.length) return { command: 'error', message: 'No command given.' };
  if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  if (argv[0] !== 'lint') return { command: 'error', message: `Unknown command \`${argv[0]}\`. Did you mean \`lint\`?` };
  const result: LintArgs = { command: 'lint', patterns: [], format: 'text', quiet: false };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif') return { command: 'error', message: `--format takes text, json or sarif, not \`${value ?? ''}\`.` };
      result.format = value;
    } else if (arg === '--quiet') result.quiet = true;
    else if (arg === '-h' || arg === '--help') return { command: 'help' };
    else if (arg.startsWith('-') && arg !== '-') return { command: 'error', message: `Unknown option \`${arg}\`.` };
    else result.patterns.push(arg);
  }
  if (!result.patterns.length) return { command: 'error', message: 'Name at least one file or glob to lint, e.g. `roboflow-workflows lint "**/*.workflow.json"`.' };
  return result;
}
