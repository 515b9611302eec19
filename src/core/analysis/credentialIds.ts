/** How a stored credential is named in sets and lists: its provider's id and the input name that
 * carries it (`openai/openai_key`). One spelling, shared by SecretStorage's adapter and the lenses. */
export function storedCredentialId(provider: string | undefined, name: string): string {
  return provider === undefined ? name : `${provider}/${name}`;
}
