import * as assert from 'assert';
import * as vscode from 'vscode';
import { SecretStore, type SecretChange } from '../../src/vscode/secrets/secretStore';

/** An in-memory SecretStorage that reports each change before `store` returns, as VS Code may. */
function eagerSecretStorage(): vscode.SecretStorage {
  const values = new Map<string, string>();
  const changes = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => {
      values.set(key, value);
      changes.fire({ key });
    },
    delete: async (key: string) => {
      values.delete(key);
      changes.fire({ key });
    },
    keys: async () => [...values.keys()],
    onDidChange: changes.event,
  } as vscode.SecretStorage;
}

suite('SecretStorage: change events', () => {
  test('a reader woken by a change reads the list of credentials again once the list itself is written', async () => {
    // Found by the soak at load 10: the lens read the list when the value's change arrived, before
    // the list was written, and nothing woke it again, so it said "not stored" after storing.
    const store = new SecretStore(eagerSecretStorage());
    const seen: { change: SecretChange; listed: string[] }[] = [];
    const reads: Promise<unknown>[] = [];
    const subscription = store.onDidChange((change) => {
      reads.push(store.listCredentials().then((list) => seen.push({ change, listed: list.map((c) => `${c.provider}:${c.name}`) })));
    });
    try {
      await store.setCredential({ provider: 'openai', name: 'openai_api_key' }, 'a value only this test knows');
      await Promise.all(reads);
      assert.deepStrictEqual(
        seen.map((s) => [s.change.kind, s.listed]),
        [
          ['credential', []],
          ['credentialList', ['openai:openai_api_key']],
        ],
      );
      reads.length = 0;
      seen.length = 0;
      await store.deleteCredential({ provider: 'openai', name: 'openai_api_key' });
      await Promise.all(reads);
      assert.deepStrictEqual(seen.at(-1)?.listed, [], JSON.stringify(seen));
    } finally {
      subscription.dispose();
      store.dispose();
    }
  });
});
