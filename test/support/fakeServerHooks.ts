import { startFakeInferenceServer, type FakeInferenceServer } from './fakeInferenceServer';

/** Mocha hooks for a suite that talks to one fake inference server: started once, reset before each
 * test (no requests recorded, the `success` scenario, default behaviour), closed at the end. */
export function useFakeInferenceServer(): () => FakeInferenceServer {
  let server: FakeInferenceServer | undefined;
  before(async () => {
    server = await startFakeInferenceServer();
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server!.requests.length = 0;
    server!.setScenario('success');
    server!.configure({});
  });
  return () => server!;
}
