import fs from 'node:fs';
import path from 'node:path';
import type { Json, JsonObject } from '../mutations/definition';
import { generateMutations, type BaseDefinition, type BlockFacts, type GenerateOptions } from '../mutations';
import { loadCorpus } from '../corpus';
import { repoRoot } from '../repoRoot';

/** One definition both sides judge: a real one as stored, or a mutation of one. */
export interface Subject {
  id: string;
  /** `corpus`, `example`, or the mutation kind. */
  kind: string;
  variant: string;
  base: string;
  label: string;
  /** The text the linter reads (what a user would have in the editor). */
  text: string;
  /** The value the engine compiles. */
  definition: Json;
}

const EXAMPLES_DIR = path.join(repoRoot(), 'examples');

function exampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.workflow.json'))
    .sort();
}

/** Every stored definition: the corpus (test-plugin ones too: both sides must refuse their blocks) and the examples. */
export function storedSubjects(): Subject[] {
  const corpus = loadCorpus().map(
    (entry): Subject => ({ id: `corpus:${entry.file}`, kind: 'corpus', variant: entry.unknownStepTypes.length ? 'test-plugin' : 'real', base: entry.file, label: entry.file, text: entry.text, definition: JSON.parse(entry.text) as Json }),
  );
  const examples = exampleFiles().map((file): Subject => {
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    return { id: `example:${file}`, kind: 'example', variant: 'example', base: file, label: file, text, definition: JSON.parse(text) as Json };
  });
  return [...corpus, ...examples];
}

/** Definitions mutations start from: the corpus without test-plugin blocks (no server has them), and the examples. */
export function mutationBases(): BaseDefinition[] {
  const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
  return storedSubjects()
    .filter((s) => s.variant !== 'test-plugin' && isObject(s.definition))
    .map((s) => ({ name: s.base, definition: s.definition as JsonObject }));
}

export function* mutationSubjects(blocks: readonly BlockFacts[], options: GenerateOptions): Generator<Subject> {
  for (const m of generateMutations(mutationBases(), blocks, options)) {
    yield { id: m.id, kind: m.kind, variant: m.variant, base: m.base, label: m.label, text: JSON.stringify(m.definition, null, 2), definition: m.definition };
  }
}
