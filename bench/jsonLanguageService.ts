import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { medianAsync } from './measure';

/** VS Code's own JSON validation engine, configured with our published workflow schema. */
export function jsonLanguageServiceValidator(schema: object) {
  const service = getLanguageService({});
  const uri = 'file:///bench/doc.workflow.json';
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'schema://workflow', fileMatch: ['*.workflow.json'], schema }] });
  let version = 0;
  const validate = async (text: string) => {
    const document = TextDocument.create(uri, 'json', ++version, text);
    const json = service.parseJSONDocument(document);
    return service.doValidation(document, json);
  };
  return {
    validate,
    median: (text: string, runs: number) => medianAsync(runs, () => validate(text)),
  };
}
