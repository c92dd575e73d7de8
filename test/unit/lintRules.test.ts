// Lint rules that keep issue 15's structure, run through ESLint's Node API with the project's own
// configuration: rights are decided only by can() in shared/permissions.ts (a role compared
// anywhere else is refused, what is no rights decision is left alone), and server/consent/ never
// imports server/statements/.
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const MESSAGE = /Decide rights with can\(actor, action, subject\)/;

/** The setting of `rule` the project's configuration gives `file`. */
async function ruleFor(file: string, rule: string): Promise<Linter.RuleEntry> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile(
    path.join(root, file),
  )) as Linter.Config;
  const entry = config.rules?.[rule];
  if (!entry) throw new Error(`no ${rule} for ${file}`);
  return entry;
}

const restrictedSyntaxFor = (file: string) => ruleFor(file, 'no-restricted-syntax');

/** The messages of `rule` as configured for `file`, alone, on `code` (no type information). */
async function lintAs(file: string, rule: string, code: string): Promise<Linter.LintMessage[]> {
  const linter = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser },
        rules: { [rule]: await ruleFor(file, rule) },
      },
    ],
  });
  const [result] = await linter.lintText(code, { filePath: path.join(root, file) });
  return result!.messages;
}

function selectorsOf(entry: Linter.RuleEntry): string[] {
  const options = Array.isArray(entry) ? entry.slice(1) : [];
  return options.map((option) =>
    typeof option === 'string' ? option : (option as { selector: string }).selector,
  );
}

describe('no role comparisons outside the permission module', () => {
  async function violations(code: string): Promise<number> {
    const messages = await lintAs('server/routes/planted.ts', 'no-restricted-syntax', code);
    return messages.filter((message) => MESSAGE.test(message.message)).length;
  }

  it.each([
    "if (membership.role === 'chair') allow();",
    "if (actor.role !== 'admin') deny();",
    "const speaks = m.role === 'representative' || m.role === 'deputy';",
    "if ('reader' === member.role) skip();",
    'if (role === CHAIR) allow();',
    "const readers = members.filter((member) => member.role == 'reader');",
    "if (kind === 'secretary') allow();",
    'if (NEGOTIATORS.includes(membership.role)) allow();',
    'if (list.includes(role)) allow();',
    "switch (actor.role) { case 'chair': allow(); }",
    'switch (role) { default: allow(); }',
    "import { NEGOTIATOR_ROLES } from '../../shared/roles';",
  ])('refuses %s', async (code) => {
    expect(await violations(code)).toBeGreaterThan(0);
  });

  it.each([
    "if (can(membership, 'group.negotiate')) allow();",
    // Whether a role changed is no rights decision.
    'if (target.role !== updated.role) audit();',
    'const changed = role !== member.role;',
    // A member who left the group has no role.
    'if (event.role === null) close();',
    'const label = t(`roles.${member.role}`);',
    "if (status === 'approved') lock();",
  ])('allows %s', async (code) => {
    expect(await violations(code)).toBe(0);
  });

  it('applies to server/, shared/ and client/, keeping the other restrictions', async () => {
    const rule = await restrictedSyntaxFor('server/routes/planted.ts');
    for (const file of ['server/x.ts', 'shared/x.ts', 'client/screens/X.tsx']) {
      const selectors = selectorsOf(await restrictedSyntaxFor(file));
      expect(selectors).toEqual(selectorsOf(rule));
      expect(selectors).toContain('ExportAllDeclaration');
    }
  });

  it('exempts only the permission module itself', async () => {
    for (const file of ['shared/permissions.ts', 'shared/roles.ts']) {
      const selectors = selectorsOf(await restrictedSyntaxFor(file));
      expect(selectors).toEqual(['ExportAllDeclaration']);
    }
  });
});

describe('server/consent/ does not import server/statements/', () => {
  const refused = async (file: string, code: string) =>
    (await lintAs(file, 'no-restricted-imports', code)).length;

  it('refuses the import that made the cycle', async () => {
    const code = "import { readStoredStatement } from '../statements/storedStatement';";
    expect(await refused('server/consent/release.ts', code)).toBe(1);
  });

  it('allows the shared statement format, and leaves server/statements/ free to use the gate', async () => {
    const shared = "import type { StatementContent } from '../../shared/statements/content';";
    expect(await refused('server/consent/firstRound.ts', shared)).toBe(0);
    await expect(ruleFor('server/statements/view.ts', 'no-restricted-imports')).rejects.toThrow(
      'no no-restricted-imports',
    );
  });
});
