import { parseArgs } from 'node:util';
import { hashToken, newToken } from '../auth/tokens';
import { openDatabase } from '../db/open';
import { ConfigError, loadConfig } from '../env';
import { createRepositories } from '../repositories';

const USAGE = `Usage:
  npm run admin -- create-group --name "<group name>" --municipality "<town>" --chair-email <email>
      Creates a group and a single-use invitation for its first chair; prints the link.
  npm run admin -- list-groups
Configuration comes from the environment as for the server (MONGODB_URI or DATA_DIR, PUBLIC_URL).`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      municipality: { type: 'string', default: '' },
      'chair-email': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config.storage);
  const repos = createRepositories(db);
  try {
    switch (command) {
      case 'create-group': {
        const name = values.name?.trim();
        const email = values['chair-email']?.trim().toLowerCase();
        if (!name || !email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
          console.error(`create-group needs --name and a valid --chair-email.\n\n${USAGE}`);
          return 2;
        }
        const group = await repos.groups.create({ name, municipality: values.municipality ?? '' });
        const token = newToken();
        const invitation = await repos.invitations.create({
          groupId: group._id,
          email,
          role: 'chair',
          partyId: null,
          tokenHash: hashToken(token),
          invitedBy: 'admin-cli',
          expiresAt: new Date(Date.now() + config.invitationTtlMs),
        });
        const base = config.publicUrl ?? `http://localhost:${config.port}`;
        console.log(`Group "${group.name}" created (${group._id}).`);
        console.log(
          `Invitation for the chair ${email}, valid until ${invitation.expiresAt.toISOString()}:`,
        );
        console.log(`  ${base}/invite#token=${token}`);
        return 0;
      }
      case 'list-groups': {
        for (const group of await repos.groups.list()) {
          const members = await repos.memberships.listByGroup(group._id);
          console.log(
            `${group._id}  ${group.name} (${group.municipality})  ${members.length} members`,
          );
        }
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
