import { parseArgs } from 'node:util';
import { ACCOUNT_MAIL_GROUP } from '../../shared/api/mail';
import { hashToken, newToken } from '../auth/tokens';
import { DataDirLockedError } from '../db/dataDirLock';
import { DataFileDamagedError } from '../db/dataFileCheck';
import { openDatabase } from '../db/open';
import { ConfigError, loadConfig, type Config } from '../env';
import { createLogger } from '../logger';
import { createMailer } from '../mail/mailer';
import { Outbox } from '../mail/outbox';
import { invitationMail } from '../mail/templates';
import { createRepositories, type Repositories } from '../repositories';
import type { Role } from '../../shared/roles';
import { removeDemo } from '../seed/firstRun';
import { resetPassword } from './resetPassword';
import { backupCommand, restoreCommand, type CommandContext } from '../backup/commands';

const USAGE = `Usage:
  npm run admin -- create-group --name "<group name>" --municipality "<town>" --chair-email <email>
      Creates a group and a single-use invitation for its first chair; prints the link.
      With SMTP_URL set, the invitation is also emailed (stored in the outbox; the server sends it).
  npm run admin -- add-admin --group <group id> --email <email>
      A single-use invitation making the person an administrator of the group; prints the link.
  npm run admin -- list-groups
  npm run admin -- mail
      Emails not yet sent, and those given up, per group (the whole installation).
  npm run admin -- list-users
      Every account: email, name, groups, and whether it is disabled.
  npm run admin -- disable-user --email <email>
      The account can no longer log in; its sessions end and its open connections close.
  npm run admin -- enable-user --email <email>
      Undoes disable-user: the person can log in again (with the same password).
  npm run admin -- reset-password --email <email>
      Prints a one-time link (valid 24 hours) with which the person sets a new password.
  npm run admin -- remove-demo
      Removes the demo's accounts (@demo.example), their memberships and sessions. A server
      reachable by others refuses to start while they exist.
  npm run admin -- backup --out <file.tar.gz> [--force]
      One archive of every collection with a manifest of hashes; works while the server runs.
  npm run admin -- restore --in <file.tar.gz>
      Loads a backup into an empty database (MONGODB_URI or DATA_DIR), checking it first.
  npm run admin -- <command> --help
      Help for one command.
Exit codes: 0 done, 1 failed (database, configuration), 2 wrong usage.
Configuration comes from the environment as for the server (MONGODB_URI or DATA_DIR, PUBLIC_URL,
SMTP_URL). On the embedded database, stop the server first: one process at a time may use DATA_DIR,
and this command refuses to run next to a running server (it names it); backup instead asks the
running server for it.`;

const COMMAND_HELP: Record<string, string> = {
  'create-group': `Usage: npm run admin -- create-group --name "<group name>" --municipality "<town>" --chair-email <email>
  Creates a group and a single-use invitation for its first chair and prints the link.
  With SMTP_URL set, the invitation is also emailed (the running server sends it).`,
  'add-admin': `Usage: npm run admin -- add-admin --group <group id> --email <email>
  Creates a single-use invitation for an administrator of the group and prints the link (also
  emailed with SMTP_URL set). A new person sets their name and password there; someone with an
  account logs in first and then accepts. Group ids: npm run admin -- list-groups.`,
  'list-groups': `Usage: npm run admin -- list-groups
  Lists every group with its number of members.`,
  mail: `Usage: npm run admin -- mail
  Emails not yet sent, and those given up, per group.`,
  'list-users': `Usage: npm run admin -- list-users
  Lists every account: email, name, how many groups it is a member of, and "disabled" if it is.`,
  'disable-user': `Usage: npm run admin -- disable-user --email <email>
  The account can no longer log in, and every session of it is deleted: its open live connections
  close at the servers' next rights check (RIGHTS_SWEEP_MS). Works against MongoDB while servers
  run; on the embedded database, stop the server first.`,
  'enable-user': `Usage: npm run admin -- enable-user --email <email>
  Undoes disable-user: the account can log in again with its password (or a reset-password link).
  Its memberships were kept while it was disabled.`,
  'reset-password': `Usage: npm run admin -- reset-password --email <email>
  Prints a one-time link to set a new password, valid for 24 hours, for you to pass on privately
  (it is not emailed; people can ask for an emailed link, valid an hour, on the login screen when
  SMTP_URL is set). A new link makes older ones unusable. Using it ends every session of the
  account. A disabled account gets no link (exit 1).`,
  'remove-demo': `Usage: npm run admin -- remove-demo
  Removes the demo's accounts (@demo.example): their sessions, memberships and the accounts.
  The demo group stays, without them. Run it before exposing a server that once ran the demo.`,
  backup: `Usage: npm run admin -- backup --out <file.tar.gz> [--force]
  Writes one archive (tar.gz): manifest.json (format, app and schema version, engine, time, how
  consistency was obtained, each collection's file, document count and SHA-256) and one file per
  collection, one Extended JSON document per line. Sessions and login throttle records are left
  out. Consistent while the server runs: on the embedded engine the running server copies its
  memory in one pass (through DATA_DIR/admin.sock); on MongoDB it reads a snapshot, or where the
  server has none, reads, verifies versions, audit chains and room logs, and reads again.
  Writes <file>.tmp, syncs it and renames it: a failed backup leaves no <file>. Refuses an
  existing <file> (exit 2) unless --force. Exit 1 when the backup failed.`,
  restore: `Usage: npm run admin -- restore --in <file.tar.gz>
  Loads a backup into the EMPTY database configured as for the server (MONGODB_URI/MONGODB_DB or
  DATA_DIR; stop an embedded server first), from either engine into either engine. Checks the
  whole archive first (format, every file's SHA-256, schema version not newer than this version)
  and writes nothing if it fails. Refuses a database that holds anything (exit 1, naming the
  collection). Afterwards verifies every approved version's SHA-256, the audit chains and the
  room logs and prints a summary. Everyone logs in again afterwards.`,
};

/** Store the first chair's invitation email; the running server's outbox job sends it. */
async function queueInvitation(
  config: Config,
  repos: Repositories,
  input: { groupId: string; groupName: string; invitationId: string; email: string; role: Role },
  link: string,
  expiresAt: Date,
): Promise<boolean> {
  const outbox = new Outbox({
    repo: repos.outbox,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
    logger: createLogger('warn'),
    policy: config.outbox,
  });
  const stored = await outbox.enqueue([
    {
      groupId: input.groupId,
      kind: 'invitation',
      key: `invitation:${input.invitationId}`,
      to: input.email,
      ...invitationMail({ groupName: input.groupName, role: input.role, link, expiresAt }),
    },
  ]);
  return stored > 0;
}

/**
 * A single-use invitation into `group` as `role`, printed as a link and stored for the server
 * to email. The invitation screen creates the account, or adds the role to an existing one once
 * its owner has logged in.
 */
async function invite(
  config: Config,
  repos: Repositories,
  group: { _id: string; name: string },
  email: string,
  role: Role,
): Promise<void> {
  const token = newToken();
  const invitation = await repos.invitations.create({
    groupId: group._id,
    email,
    role,
    partyId: null,
    tokenHash: hashToken(token),
    invitedBy: 'admin-cli',
    expiresAt: new Date(Date.now() + config.invitationTtlMs),
  });
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  const link = `${base}/invite#token=${token}`;
  console.log(
    `Invitation for the ${role} ${email}, valid until ${invitation.expiresAt.toISOString()}:`,
  );
  console.log(`  ${link}`);
  const queued = await queueInvitation(
    config,
    repos,
    { groupId: group._id, groupName: group.name, invitationId: invitation._id, email, role },
    link,
    invitation.expiresAt,
  );
  if (queued) console.log('The invitation email is stored; the server sends it.');
}

/** Unsent email per group, for whoever runs the installation. */
async function printMail(repos: Repositories): Promise<void> {
  const unsent = await repos.outbox.unsent();
  if (unsent.length === 0) {
    console.log('Every stored email has been sent.');
    return;
  }
  const names = new Map((await repos.groups.list()).map((group) => [group._id, group.name]));
  names.set(ACCOUNT_MAIL_GROUP, '(password reset links, of no group)');
  const groupIds = [...new Set(unsent.map((message) => message.groupId))];
  for (const groupId of groupIds) {
    const ofGroup = unsent.filter((message) => message.groupId === groupId);
    const pending = ofGroup.filter((message) => message.status === 'pending');
    const failed = ofGroup.filter((message) => message.status === 'failed');
    const oldest = pending[0]?.createdAt.toISOString();
    console.log(
      `${groupId}  ${names.get(groupId) ?? '(no such group)'}: ${pending.length} pending` +
        `${oldest ? ` (oldest ${oldest})` : ''}, ${failed.length} failed`,
    );
    for (const message of failed)
      console.log(`    failed ${message.kind} to ${message.to}: ${message.lastError ?? ''}`);
  }
}

/** Wrong usage: the message and the usage on stderr, exit code 2. */
function usageError(message: string, usage = USAGE): number {
  console.error(`${message}\n\n${usage}`);
  return 2;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        municipality: { type: 'string', default: '' },
        'chair-email': { type: 'string' },
        email: { type: 'string' },
        group: { type: 'string' },
        out: { type: 'string' },
        in: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown options and missing values.
    if (error instanceof TypeError && 'code' in error) return error.message;
    throw error;
  }
}

async function main(argv: string[]) {
  const parsed = parse(argv);
  if (typeof parsed === 'string') return usageError(parsed);
  const { positionals, values } = parsed;
  const command = positionals[0];
  if (!command) {
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    return usageError('No command given.');
  }
  const help = COMMAND_HELP[command];
  if (!help) return usageError(`Unknown command "${command}".`);
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (positionals.length > 1) return usageError(`Unexpected "${positionals[1]}".`, help);
  const config = loadConfig();
  // Warnings (a repaired data file) go to stderr, apart from what the command prints.
  const logger = createLogger('warn', process.stderr);
  if (command === 'backup' || command === 'restore') {
    const ctx: CommandContext = {
      config,
      logger,
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    };
    if (command === 'backup' && values.out)
      return backupCommand(ctx, { out: values.out, force: values.force ?? false });
    if (command === 'restore' && values.in) return restoreCommand(ctx, { in: values.in });
    return usageError(`${command} needs ${command === 'backup' ? '--out' : '--in'} <file>.`, help);
  }
  const db = await openDatabase(config.storage, { logger, owner: 'admin command' });
  const repos = createRepositories(db);
  try {
    switch (command) {
      case 'create-group': {
        const name = values.name?.trim();
        const email = values['chair-email']?.trim().toLowerCase();
        if (!name || !email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
          return usageError('create-group needs --name and a valid --chair-email.', help);
        }
        const group = await repos.groups.create({ name, municipality: values.municipality ?? '' });
        console.log(`Group "${group.name}" created (${group._id}).`);
        await invite(config, repos, group, email, 'chair');
        return 0;
      }
      case 'add-admin': {
        const email = values.email?.trim().toLowerCase();
        if (!values.group || !email || !/^[^@\s]+@[^@\s]+$/.test(email))
          return usageError('add-admin needs --group and a valid --email.', help);
        const group = await repos.groups.findById(values.group);
        if (!group) {
          console.error(`No group ${values.group} (npm run admin -- list-groups lists them).`);
          return 1;
        }
        const user = await repos.users.findByEmail(email);
        if (user && (await repos.memberships.find(group._id, user._id))) {
          console.error(`${email} is already a member of "${group.name}".`);
          return 1;
        }
        await invite(config, repos, group, email, 'admin');
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
      case 'mail': {
        await printMail(repos);
        return 0;
      }
      case 'list-users': {
        for (const user of await repos.users.list()) {
          const groups = (await repos.memberships.listByUser(user._id)).length;
          const disabled = user.disabledAt ? `  disabled ${user.disabledAt.toISOString()}` : '';
          console.log(`${user.email}  ${user.name}  ${groups} group(s)${disabled}`);
        }
        return 0;
      }
      case 'disable-user': {
        const email = values.email?.trim().toLowerCase();
        if (!email) return usageError('disable-user needs --email.', help);
        const user = await repos.users.findByEmail(email);
        if (!user) {
          console.error(`No account with the email ${email}.`);
          return 1;
        }
        await repos.users.disable(user._id);
        // After the flag: a login between the two cannot leave a session behind.
        const ended = await repos.sessions.deleteAllForUser(user._id);
        console.log(`${email} is disabled; ${ended} session(s) ended.`);
        return 0;
      }
      case 'enable-user': {
        const email = values.email?.trim().toLowerCase();
        if (!email) return usageError('enable-user needs --email.', help);
        const user = await repos.users.findByEmail(email);
        if (!user) {
          console.error(`No account with the email ${email}.`);
          return 1;
        }
        if (!user.disabledAt) {
          console.log(`${email} is not disabled; nothing to do.`);
          return 0;
        }
        await repos.users.enable(user._id);
        console.log(`${email} can log in again.`);
        return 0;
      }
      case 'reset-password': {
        const email = values.email?.trim().toLowerCase();
        if (!email) return usageError('reset-password needs --email.', help);
        return await resetPassword(config, repos, email);
      }
      case 'remove-demo': {
        const removed = await removeDemo(repos);
        console.log(
          removed > 0
            ? `Removed ${removed} demo accounts with their memberships and sessions.`
            : 'No demo accounts found.',
        );
        return 0;
      }
      default:
        return usageError(`Unknown command "${command}".`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const explained =
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof DataFileDamagedError;
    console.error(explained ? error.message : error);
    process.exit(1);
  },
);
