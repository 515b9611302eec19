import fs from 'node:fs';
import { glob, isDynamicPattern } from 'tinyglobby';

/** A glob or a folder, with the files it found: one that finds no workflow is a problem, not a pass. */
export interface Search {
  pattern: string;
  kind: 'glob' | 'folder';
  paths: string[];
}

export interface ResolvedFiles {
  /** Files to lint, with whether the user named them explicitly. */
  files: { path: string; explicit: boolean }[];
  searches: Search[];
  problems: string[];
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands globs and folders (skipping node_modules and .git) and checks that named files exist. */
export async function resolveFiles(patterns: string[], cwd = process.cwd()): Promise<ResolvedFiles> {
  const files = new Map<string, boolean>();
  const searches: Search[] = [];
  const problems: string[] = [];
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const paths = (await glob(pattern, { cwd, ignore: IGNORE, dot: false })).sort();
      searches.push({ pattern, kind: 'glob', paths });
      for (const match of paths) if (!files.has(match)) files.set(match, false);
    } else if (!fs.existsSync(pattern)) {
      problems.push(`Cannot read \`${pattern}\`: no such file.`);
    } else if (fs.statSync(pattern).isDirectory()) {
      const folder = pattern.replace(/\/+$/, '') || '/';
      const paths = (await glob('**/*.json', { cwd: pattern, ignore: IGNORE })).sort().map((match) => `${folder === '/' ? '' : folder}/${match}`);
      searches.push({ pattern, kind: 'folder', paths });
      for (const path of paths) if (!files.has(path)) files.set(path, false);
    } else {
      files.set(pattern, true);
    }
  }
  return { files: [...files].map(([path, explicit]) => ({ path, explicit })), searches, problems };
}

/** What to say about a search that found no workflow to lint (undefined when it found one). */
export function emptySearchProblem(search: Search, linted: ReadonlySet<string>): string | undefined {
  if (search.paths.some((path) => linted.has(path))) return undefined;
  if (!search.paths.length) return search.kind === 'glob' ? `No files match \`${search.pattern}\`.` : `No JSON files in \`${search.pattern}\`.`;
  const n = search.paths.length;
  if (search.kind === 'glob') return `No workflows match \`${search.pattern}\`: ${n === 1 ? 'the 1 file it matches is not a workflow' : `none of the ${n} files it matches is a workflow`}.`;
  return `No workflows in \`${search.pattern}\`: ${n === 1 ? 'its 1 JSON file is not a workflow' : `none of its ${n} JSON files is a workflow`}.`;
}
