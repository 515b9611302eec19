/**
 * Values the linter treats as secrets wherever they are written, as the editor does with its
 * SecretStorage: `ROBOFLOW_API_KEY` (a private Roboflow key has no recognisable shape) and every
 * variable named in `ROBOFLOW_WORKFLOWS_SECRET_VARS` (comma-separated). Names, not values, go on
 * the command line, so the values stay out of shell history and process lists.
 */
export function secretsFromEnvironment(env: NodeJS.ProcessEnv): string[] {
  const names = ['ROBOFLOW_API_KEY', ...(env.ROBOFLOW_WORKFLOWS_SECRET_VARS ?? '').split(',').map((n) => n.trim())];
  const values = new Set<string>();
  for (const name of names) {
    const value = name ? env[name]?.trim() : undefined;
    if (value) values.add(value);
  }
  return [...values];
}
