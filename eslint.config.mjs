// ESLint flat config: eslint recommended + typescript-eslint recommended (`npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Node globals for the plain .js/.mjs scripts (TypeScript checks names in .ts files itself), plus
// the few browser globals used inside playwright's page.evaluate callbacks.
const scriptGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'structuredClone', 'TextEncoder',
    'TextDecoder', 'AbortController', 'performance', '__dirname', '__filename', 'require', 'module', 'exports',
    'window', 'document',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'out/**', 'media/dist/**', 'src/core/schema/generated/**', '.vscode-test/**', '.test-run/**',
      'node_modules/**', 'coverage/**', '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: scriptGlobals, ecmaVersion: 2022, sourceType: 'module' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      'no-undef': 'off', // TypeScript does this better (and knows DOM/webview globals)
    },
  },
  {
    // The core and the shared protocol run in the host, the CLI and webviews: they never import
    // VS Code, nor the host's adapters or the webviews' UI.
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core and src/protocol never import vscode: put the adapter in src/vscode/.' }],
        patterns: [{ group: ['**/vscode/*', '**/webview/*', '**/cli/*'], message: 'src/core and src/protocol import only each other (shared host/webview types live in src/protocol/).' }],
      }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-control-regex': 'off',
      'no-useless-escape': 'warn',
    },
  },
);
