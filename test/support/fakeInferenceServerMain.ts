/**
 * Runs the fake inference server on its own, for integration and end-to-end tests that drive
 * the extension from another process:
 *
 *   node dist/test/support/fakeInferenceServerMain.js [--port 0] [--scenario success] [--require-api-key]
 *        [--version 1.3.2 | --no-info] [--api-key-from any|body|header]
 *
 * Prints one line, `FAKE_INFERENCE_SERVER_URL=http://127.0.0.1:<port>`, once it is listening.
 * Change the answer with `POST /__fake/scenario {"name": "...", "delayMs": ...}`, read what it
 * received with `GET /__fake/requests`, play another server with `POST /__fake/configure
 * {"version": "1.3.2", "apiKeyFrom": "body"}`, start over with `POST /__fake/reset`. Stops on SIGINT/SIGTERM.
 */
import { FAKE_SCENARIOS, startFakeInferenceServer, type ApiKeySource, type FakeScenarioName } from './fakeInferenceServer';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const scenario = argument('--scenario') ?? 'success';
  if (!(FAKE_SCENARIOS as readonly string[]).includes(scenario)) {
    console.error(`Unknown scenario "${scenario}". Known: ${FAKE_SCENARIOS.join(', ')}`);
    process.exit(2);
  }
  const server = await startFakeInferenceServer({
    port: Number(argument('--port') ?? 0),
    scenario: scenario as FakeScenarioName,
    requireApiKey: process.argv.includes('--require-api-key'),
    behaviour: {
      ...(argument('--version') !== undefined && { version: argument('--version') }),
      ...(process.argv.includes('--no-info') && { version: null }),
      ...(argument('--api-key-from') !== undefined && { apiKeyFrom: argument('--api-key-from') as ApiKeySource }),
    },
  });
  console.log(`FAKE_INFERENCE_SERVER_URL=${server.url}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
