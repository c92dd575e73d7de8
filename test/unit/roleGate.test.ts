// Rights are decided only by can() in shared/permissions.ts: the lint rule that keeps it so
// (eslint.config.js) must refuse a role compared anywhere else, and leave alone what is not a
// rights decision. Runs ESLint's Node API with the project's own configuration.
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const MESSAGE = /Decide rights with can\(actor, action, subject\)/;

/** The `no-restricted-syntax` setting the project's configuration gives a file. */
async function restrictedSyntaxFor(file: string): Promise<Linter.RuleEntry> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile(
    path.join(root, file),
  )) as Linter.Config;
  const entry = config.rules?.['no-restricted-syntax'];
  if (!entry) throw new Error(`no no-restricted-syntax for ${file}`);
  return entry;
}

function selectorsOf(entry: Linter.RuleEntry): string[] {
  const options = Array.isArray(entry) ? entry.slice(1) : [];
  return options.map((option) =>
    typeof option === 'string' ? option : (option as { selector: string }).selector,
  );
}

describe('no role comparisons outside the permission module', () => {
  let rule: Linter.RuleEntry;
  let linter: ESLint;

  beforeAll(async () => {
    rule = await restrictedSyntaxFor('server/routes/planted.ts');
    // The rule as configured, alone, on snippets (type information is not needed for it).
    linter = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: { parser: tseslint.parser },
          rules: { 'no-restricted-syntax': rule },
        },
      ],
    });
  });

  async function violations(code: string): Promise<number> {
    const [result] = await linter.lintText(code, { filePath: path.join(root, 'planted.ts') });
    return result!.messages.filter((message) => MESSAGE.test(message.message)).length;
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
