// What a running embedded server does for the admin CLI through its admin channel
// (server/cli/channel.ts): the backup, taken from the server's own memory while it serves.
import type { ChannelCommand } from '../cli/channel';
import type { EmbeddedDatabase } from '../db/embedded';
import { writeArchive } from './archive';
import { describeBackup } from './report';
import { embeddedSnapshot } from './snapshot';

export function channelCommands(db: EmbeddedDatabase): Record<string, ChannelCommand> {
  return {
    backup: async (_args, io) => {
      const manifest = await writeArchive(await embeddedSnapshot(db), io.data);
      io.out(describeBackup(manifest));
      return 0;
    },
  };
}
