import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const sharedMustStayPure = {
  patterns: [
    {
      group: ['**/server/**', '**/client/**'],
      message: 'shared/ must not reach into server/ or client/.',
    },
    { group: ['node:*'], message: 'shared/ runs in the browser too: no Node built-ins.' },
  ],
  paths: [
    'express',
    'mongodb',
    '@seald-io/nedb',
    'socket.io',
    'react',
    'react-dom',
    'pino',
    'fs',
    'path',
    'crypto',
  ].map((name) => ({ name, message: 'shared/ is pure domain logic.' })),
};

const noExportAll = {
  selector: 'ExportAllDeclaration',
  message: 'No export * barrels: export what a module offers by name.',
};

// Rights are decided in one place (shared/permissions.ts, `can(actor, action, subject)`); facts
// about roles that are not rights live in shared/roles.ts. Anywhere else, comparing a role is a
// second gate in the making.
const ROLE_NAME = '/^(chair|vice_chair|secretary|representative|deputy|reader|admin)$/';
const ROLE_GATE_MESSAGE =
  'Decide rights with can(actor, action, subject) from shared/permissions.ts, not by comparing roles.';
const EQUALITY = 'BinaryExpression[operator=/^[!=]==?$/]';
const INCLUDES = "CallExpression[callee.property.name='includes']";
// A role (`x.role` or `role`) compared with anything but another role (did it change?) or null
// (no membership any more).
const roleAgainstOther = [
  ['left', 'right'],
  ['right', 'left'],
].flatMap(([side, other]) =>
  [`[${side}.property.name='role']`, `[${side}.name='role']`].map(
    (isRole) =>
      `${EQUALITY}${isRole}:not([${other}.property.name='role'])` +
      `:not([${other}.name='role']):not([${other}.raw='null'])`,
  ),
);
export const roleComparisons = [
  ...roleAgainstOther,
  `${EQUALITY} > Literal[value=${ROLE_NAME}]`,
  `${INCLUDES} > MemberExpression.arguments[property.name='role']`,
  `${INCLUDES} > Identifier.arguments[name='role']`,
  "SwitchStatement[discriminant.property.name='role']",
  "SwitchStatement[discriminant.name='role']",
  'SwitchCase > Literal.test[value=' + ROLE_NAME + ']',
  "ImportSpecifier[imported.name='NEGOTIATOR_ROLES']",
].map((selector) => ({ selector, message: ROLE_GATE_MESSAGE }));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', '.cache', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': ['error', noExportAll],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', sharedMustStayPure] } },
  {
    // Statements use the consent gate; the gate never reaches back (no consent/ ↔ statements/ cycle).
    files: ['server/consent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../statements/*', '**/server/statements/*'],
              message:
                'server/consent/ must not import server/statements/: statements use the gate.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'shared/**/*.ts', 'client/**/*.{ts,tsx}'],
    ignores: ['shared/permissions.ts', 'shared/roles.ts'],
    rules: { 'no-restricted-syntax': ['error', noExportAll, ...roleComparisons] },
  },
  {
    files: ['server/**/*.ts', 'shared/**/*.ts', 'client/**/*.{ts,tsx}'],
    ignores: ['server/env.ts', 'server/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in server/env.ts only.',
        },
      ],
    },
  },
  {
    // Tests read untyped JSON off the wire; asserting on it is their job.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
