/**
 * Runs the fake Roboflow REST API on its own, for end-to-end tests that drive the extension from
 * another process:  node dist/test/support/fakeRoboflowApiMain.js --api-key <key> [--port 0]
 * Prints `FAKE_ROBOFLOW_API_URL=http://127.0.0.1:<port>` once listening; see fakeRoboflowApi.ts for
 * its control routes. Stops on SIGINT/SIGTERM.
 */
import { startFakeRoboflowApi } from './fakeRoboflowApi';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const apiKey = argument('--api-key');
  if (!apiKey) {
    console.error('--api-key is required');
    process.exit(2);
  }
  const api = await startFakeRoboflowApi({ apiKey, port: Number(argument('--port') ?? 0) });
  console.log(`FAKE_ROBOFLOW_API_URL=${api.url}`);
  const stop = (): void => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
