import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES, codeInfo } from '../core/codes';
import type { Finding, Severity } from '../core/findings';
import { LineIndex } from '../core/text/lineIndex';
import { maskSecretsInMessage } from '../core/text/secretText';

export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

interface Located {
  finding: Finding;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Findings come without secrets in their messages (lintWorkflow); output is masked once more,
 * since it ends up in CI logs and code-scanning alerts that many people read. */
function locate(report: FileReport): Located[] {
  const index = new LineIndex(report.text);
  return report.findings.map((finding) => ({
    finding: { ...finding, message: maskSecretsInMessage(finding.message) },
    start: index.position(finding.range.offset),
    end: index.position(finding.range.offset + finding.range.length),
  }));
}

/** Compiler-style lines: `file:line:col severity code message`. */
export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const { finding, start } of locate(report)) {
      lines.push(`${report.path}:${start.line + 1}:${start.character + 1} ${finding.severity} ${finding.code} ${finding.message.replace(/`/g, "'")}`);
    }
  }
  return lines.join('\n');
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(
    reports.map((report) => ({
      file: report.path,
      findings: locate(report).map(({ finding, start, end }) => ({
        code: finding.code,
        severity: finding.severity,
        message: finding.message,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
      })),
    })),
    null,
    2,
  );
}

/** `3 workflows checked: 1 error, 2 warnings.` */
export function formatSummary(reports: FileReport[]): string {
  const count = (severity: Severity) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === severity).length, 0);
  return `${plural(reports.length, 'workflow')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const SRCROOT = '%SRCROOT%';

/**
 * A file's SARIF location: relative to the working directory (the checkout, in CI) through
 * %SRCROOT%, so code scanning maps it onto the repository; a file outside it keeps its absolute URI.
 */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (!relative || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The working directory as a file URI ending in `/`, as SARIF requires of a base. */
function baseUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export function formatSarif(reports: FileReport[], version: string, cwd = process.cwd()): string {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.code)));
  const rules = [...CODES.filter((c) => used.has(c.code)), ...[...used].filter((c) => !codeInfo(c)).map((code) => ({ code, summary: code, severity: 'warning' as Severity, example: '' }))];
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'roboflow-workflows',
            version,
            informationUri: 'https://github.com/roboflow-workflows-community/vscode-roboflow-workflows',
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri(cwd) } },
        results: reports.flatMap((report) =>
          locate(report).map(({ finding, start, end }) => ({
            ruleId: finding.code,
            ruleIndex: ruleIndex.get(finding.code),
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(report.path, cwd),
                  region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
