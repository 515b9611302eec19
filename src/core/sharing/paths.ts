/** The sharing configuration lives beside the workflow: `acme.workflow.json` →
 * `acme.workflow.sharing.json`. Works on file paths and URI strings alike. */

export const SHARING_FILE_SUFFIX = '.sharing.json';

export function isSharingFile(path: string): boolean {
  return path.toLowerCase().endsWith(SHARING_FILE_SUFFIX);
}

export function sharingFileFor(workflowPath: string): string {
  const stem = workflowPath.toLowerCase().endsWith('.json') ? workflowPath.slice(0, -'.json'.length) : workflowPath;
  return `${stem}${SHARING_FILE_SUFFIX}`;
}

/** The workflow a sharing file configures, or undefined for any other file. */
export function workflowFileFor(sharingPath: string): string | undefined {
  if (!isSharingFile(sharingPath)) return undefined;
  return `${sharingPath.slice(0, -SHARING_FILE_SUFFIX.length)}.json`;
}
