// ESLint flat config: rules that catch real bugs (recommended sets, React hooks), the import
// boundaries of docs/architecture.md, and the project's one spelling. Formatting is Prettier's job.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaryRules } from './scripts/dev/boundaries.mjs';
import spelling from './scripts/dev/spellingRules.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'bundle/', 'public/vendor/', 'node_modules/', '.cache/', 'test-results/', 'e2e/artifacts/', '.rbassist/', 'models/**/*.onnx'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { rbassist: spelling },
    rules: {
      // Unused values are usually a bug or dead code; a leading underscore marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Non-null assertions and `any` are used deliberately at typed boundaries (WASM, workers, parsed files).
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Matching control characters is the point where the code does it (XML 1.0's forbidden
      // characters, NUL padding in tags, terminal escapes in progress output).
      'no-control-regex': 'off',
      'rbassist/american-spelling': 'error',
    },
  },
  {
    // Product code (tests may assert on a caught value's message directly).
    files: ['src/**/*.{ts,tsx}', 'cli/**/*.ts', 'workers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // One way to word a caught error (src/core/errors.ts): errorMessage(e), not a guess at its type.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='message'] > TSAsExpression.object[typeAnnotation.typeName.name='Error']",
          message: 'Use errorMessage(e) from src/core/errors.ts to word a caught error.',
        },
        {
          selector: 'ClassDeclaration[superClass.name=/Error$/][id.name!=/Error$/]',
          message: 'An error class is named SomethingError (src/core/errors.ts).',
        },
        {
          selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error'][consequent.property.name='message']",
          message: 'Use errorMessage(e) from src/core/errors.ts to word a caught error.',
        },
      ],
    },
  },
  { files: ['public/**/*.js'], languageOptions: { globals: globals.serviceworker } },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...boundaryRules,
);
