import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'server/db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The services are asynchronous and run on SQLite and PostgreSQL alike (docs/decisions/0015):
    // a promise nobody awaits is a write outside its transaction, and drizzle's SQLite-only
    // terminators (.all(), .get(), .run()) would not exist on PostgreSQL.
    files: ['server/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='all']:not([callee.object.name='Promise'])", message: 'Await the query instead of .all(): the same code runs on PostgreSQL.' },
        { selector: "CallExpression[callee.property.name='run']", message: 'Await the query instead of .run(): the same code runs on PostgreSQL.' },
        { selector: "CallExpression[callee.property.name='get'][arguments.length=0]", message: 'Use first(await query.limit(1)) instead of .get(): the same code runs on PostgreSQL.' },
        { selector: "CallExpression[callee.property.name='get'][arguments.0.type='ObjectExpression']", message: 'Use first(await prepared.execute({...})) instead of .get({...}).' },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The zod schemas are the server's: a value imported from them puts zod (~25 kB gzip) in
      // the first page. Types are free; shared/dealQuery.ts and schemas/limits.ts carry the values.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'shared/schemas/(?!limits$)', allowTypeImports: true, message: 'Import types only from shared/schemas (zod stays out of the client bundle); values live in shared/*.ts or schemas/limits.ts.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', 'server/db/migrate-cli.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests are typed from AppRouter (test/helpers/api.ts): an `any` would let a contract change compile again.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
);
