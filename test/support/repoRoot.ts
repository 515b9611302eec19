import fs from 'node:fs';
import path from 'node:path';

/** The repository root, found from wherever the bundle runs (dist/, dist/test/…). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
