import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layering rule of docs/architecture.md, held by the linter: core is pure, nothing imports ui.
const noUi = { group: ['**/ui/*', '**/ui/**'], message: 'Nothing below the UI imports it (ui -> state -> worker -> core).' };

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'test-results*', 'node_modules', 'test-results', 'playwright-report', 'bench/data', 'bench/out', 'fixtures'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noUi,
        { group: ['**/state/*', '**/worker/*', 'react', 'react-dom', 'zustand', 'monaco-editor', '@monaco-editor/*', 'idb-keyval'], message: 'src/core is pure TypeScript: no DOM, React, stores or workers.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator'],
    },
  },
  {
    // The file engine turns bytes into values and back; it knows nothing of programs.
    files: ['src/core/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        noUi,
        { group: ['**/state/*', '**/worker/*', 'react', 'react-dom', 'zustand', 'monaco-editor', '@monaco-editor/*', 'idb-keyval'], message: 'src/core is pure TypeScript: no DOM, React, stores or workers.' },
        { group: ['**/program/**', '**/program/*'], message: 'core/engine never imports core/program: bytes to values only.' },
      ] }],
    },
  },
  {
    // Components read through hooks (state/session/use-worker-query) and change the document through the
    // session's commit; they never hold a worker client. Types of the protocol are fine.
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/worker/*-client', '**/worker/kit/*', '**/worker/*-host', '**/worker/*-worker', '**/worker/fetch-in-worker'], allowTypeImports: true, message: 'src/ui never talks to a worker directly: read with useWorkerQuery/useWorkerAsk, change with commit.' },
      ] }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='call'][callee.object.name=/^client$|Client$/]", message: 'src/ui never calls a worker client: read with useWorkerQuery/useWorkerAsk, change with commit.' },
        { selector: "MemberExpression[property.name='client'][object.callee.property.name='getState']", message: 'src/ui never takes the worker client from a store.' },
        { selector: "ArrowFunctionExpression[parent.callee.name='useSession'] > MemberExpression[property.name='client']", message: 'src/ui never takes the worker client from the session.' },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts', 'src/worker/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi] }] },
  },
);
