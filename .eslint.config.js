// One lint setup for the whole tree. Layers import only downward:
// renderer → shared ← electron; electron/core and electron/store never import Electron.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import layers from './.eslint.layers.js';

const noElectron = {
  name: 'electron',
  message: 'electron/core and electron/store are plain TypeScript: reach Electron through a port wired in electron/main.ts.',
};

export default tseslint.config(
  // electron-vite writes its bundled config beside the original while it builds (electron.vite.config.ts.<stamp>.mjs): npm test lints and builds at once.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'electron.vite.config.ts.*.mjs'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // Layers by zone (.eslint.layers.js): core ← store ← adapters ← ipc ← composition root; renderer ← shared.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.vue'],
    plugins: { layers },
    rules: {
      'layers/zones': 'error',
      // The core declares its own model (electron/core/**/model.ts); electron/ipc/modelChecks.ts proves it equals the wire's.
      'layers/core-owns-its-types': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }, { group: ['**/renderer/**'], message: 'the core never imports renderer code' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['node:*'], message: 'shared/ runs in the renderer too: no Node modules' }, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing of ours' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the renderer reaches the main side only through window.cabinet' }], patterns: [{ group: ['**/electron/**', 'node:*'], message: 'the renderer reaches the main side only through window.cabinet' }] }],
    },
  },
);
