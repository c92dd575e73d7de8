// What a running embedded server does for the admin CLI through its admin channel
// (server/cli/channel.ts): the backup, taken from the server's own memory while it serves.
import type { ChannelCommand } from '../cli/channel';
import type { EmbeddedDatabase } from '../db/embedded';

export function channelCommands(db: EmbeddedDatabase): Record<string, ChannelCommand> {
  return {
    backup: async (_args, io) => {
      // Loaded when a backup is asked for: the archive code and the BSON library would otherwise
      // sit in every server's memory for a command run once a night.
      const [{ writeArchive }, { describeBackup }, { embeddedSnapshot }] = await Promise.all([
        import('./archive'),
        import('./report'),
        import('./snapshot'),
      ]);
      const manifest = await writeArchive(await embeddedSnapshot(db), io.data);
      io.out(describeBackup(manifest));
      return 0;
    },
  };
}
