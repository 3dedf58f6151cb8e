// ESLint: the rules STYLE.md states, enforced by `npm test`.
// Layering (STYLE.md "Layout"): dependencies point downward. model/ uses only lib/; layout/ adds
// d3 math; api/ and state/ build on model/; views/ compose everything but never import each other
// or the app shell; nothing below views/ imports React components.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const layer = (target, forbidden, message) => ({
  target: `./src/${target}`,
  from: forbidden.map((f) => `./src/${f}`),
  message,
});

const views = ['dependencies', 'home', 'search', 'trace', 'compare'];

export default tseslint.config(
  { ignores: ['dist*/**', 'test-results*/**', 'bench/results/**', 'node_modules/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Validators match control characters on purpose (refusing them in paths, headers, config).
  { rules: { 'no-control-regex': 'off' } },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js'] } } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        // STYLE.md: no input-sized spreads into a call (they overflow the stack at 100k+ items).
        {
          selector: "CallExpression[callee.property.name='push'] > SpreadElement",
          message: 'push(...items) overflows the stack on large inputs; loop or concat instead.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: 'Math.max/min(...items) overflows the stack on large inputs; reduce in a loop.',
        },
        // The first Intl call on a page sets up ICU: 25-55 ms of main-thread time, measured in a trace's first render.
        {
          selector: 'CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]',
          message:
            'toLocaleString sets up ICU (25-55 ms on first use); use formatCount / formatAbsolute from lib/format.ts.',
        },
        {
          selector: "MemberExpression[object.name='Intl']",
          message: 'Intl sets up ICU (25-55 ms on first use); use the formatters in lib/format.ts.',
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer('model', ['layout', 'api', 'state', 'views', 'components', 'app', 'demo'], 'model/ uses only lib/.'),
            layer(
              'lib',
              ['model', 'layout', 'api', 'state', 'views', 'components', 'app', 'demo'],
              'lib/ is generic: it imports nothing of the app.',
            ),
            layer(
              'layout',
              ['api', 'state', 'views', 'components', 'app'],
              'layout/ is geometry on the model: no data loading, stores or views.',
            ),
            layer(
              'api',
              ['state', 'views', 'components', 'app', 'layout'],
              'api/ builds on model/: no views, stores or layout.',
            ),
            layer('state', ['views', 'components', 'app'], 'state/ holds UI state: no views.'),
            layer('components', ['views', 'app'], 'components/ are shared pieces: no views or app shell.'),
            ...views.map((v) => ({
              target: `./src/views/${v}`,
              from: ['./src/views', './src/app'],
              except: [`./${v}`],
              message:
                'Views do not import other views or the app shell; move shared code to components/, layout/ or model/.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['bench/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Tests, scripts and e2e may use Node and test helpers freely.
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'scripts/**', 'bench/**', 'deploy/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
