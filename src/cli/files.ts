import fs from 'node:fs';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface ResolvedFiles {
  /** Files to lint, with whether the user named them explicitly. */
  files: { path: string; explicit: boolean }[];
  problems: string[];
}

/** Expands globs (skipping node_modules and .git) and checks that named files exist. */
export async function resolveFiles(patterns: string[], cwd = process.cwd()): Promise<ResolvedFiles> {
  const files = new Map<string, boolean>();
  const problems: string[] = [];
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matches = await glob(pattern, { cwd, ignore: ['**/node_modules/**', '**/.git/**'], dot: false });
      if (!matches.length) problems.push(`No files match \`${pattern}\`.`);
      for (const match of matches.sort()) if (!files.has(match)) files.set(match, false);
    } else if (!fs.existsSync(pattern)) {
      problems.push(`Cannot read \`${pattern}\`: no such file.`);
    } else if (fs.statSync(pattern).isDirectory()) {
      const matches = await glob('**/*.json', { cwd: pattern, ignore: ['**/node_modules/**', '**/.git/**'] });
      for (const match of matches.sort()) files.set(`${pattern.replace(/\/$/, '')}/${match}`, false);
    } else {
      files.set(pattern, true);
    }
  }
  return { files: [...files].map(([path, explicit]) => ({ path, explicit })), problems };
}
