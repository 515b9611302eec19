import fs from 'node:fs';
import path from 'node:path';
import { getLanguageService, TextDocument, type SchemaConfiguration } from 'vscode-json-languageservice';

/** A workflow file's name, as VS Code's JSON server matches `fileMatch` against it. */
const WORKFLOW_URI = 'file:///bench/doc.workflow.json';

interface Contribution {
  fileMatch: string | string[];
  url: string;
}

/** A `fileMatch` glob (`*.workflow.json`, `**\/x/*.json`, `!…` excludes) against a file name. */
function matches(patterns: string | string[], fileName: string): boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  const test = (glob: string) => new RegExp(`(^|/)${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.*/)?').replace(/\*/g, '[^/]*').replace(/\?/g, '.')}$`).test(fileName);
  return list.some((p) => !p.startsWith('!') && test(p)) && !list.some((p) => p.startsWith('!') && test(p.slice(1)));
}

/**
 * The schemas package.json contributes (`contributes.jsonValidation`) that VS Code's JSON server
 * applies to a `*.workflow.json` file, read now, so the benchmark follows the manifest.
 */
export function contributedWorkflowSchemas(root: string): { url: string; schema: object; bytes: number }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes?: { jsonValidation?: Contribution[] } };
  return (manifest.contributes?.jsonValidation ?? [])
    .filter((entry) => matches(entry.fileMatch, 'bench/doc.workflow.json'))
    .map((entry) => {
      const text = fs.readFileSync(path.join(root, entry.url), 'utf8');
      return { url: entry.url, schema: JSON.parse(text) as object, bytes: Buffer.byteLength(text) };
    });
}

/** Whether package.json gives `*.workflow.json` a language of its own, which VS Code's JSON server does not serve. */
export function workflowLanguageOwnsFiles(root: string): boolean {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes?: { languages?: { extensions?: string[] }[] } };
  return (manifest.contributes?.languages ?? []).some((language) => language.extensions?.includes('.workflow.json'));
}

/** VS Code's own JSON validation engine, configured with `schemas` for workflow files (none: syntax only). */
export function jsonLanguageServiceValidator(schemas: readonly { url: string; schema: object }[]) {
  const service = getLanguageService({});
  const configured: SchemaConfiguration[] = schemas.map((s, i) => ({ uri: `schema://bench/${i}/${s.url}`, fileMatch: ['*.workflow.json'], schema: s.schema }));
  service.configure({ validate: true, allowComments: false, schemas: configured });
  let version = 0;
  /** What the JSON server does per change of an open document: parse it, then validate it. */
  return async (text: string) => {
    const document = TextDocument.create(WORKFLOW_URI, 'json', ++version, text);
    const json = service.parseJSONDocument(document);
    return service.doValidation(document, json);
  };
}
