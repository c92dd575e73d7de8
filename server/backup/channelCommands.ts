// What a running embedded server does for the admin CLI through its admin channel
// (server/cli/channel.ts): the backup, taken from the server's own memory while it serves.
import type { ChannelCommand } from '../cli/channel';
import type { EmbeddedDatabase } from '../db/embedded';
import type { DocumentStore } from '../documents/store';

export function channelCommands(
  db: EmbeddedDatabase,
  documents: DocumentStore,
): Record<string, ChannelCommand> {
  return {
    backup: async (_args, io) => {
      // Loaded when a backup is asked for: the archive code and the BSON library would otherwise
      // sit in every server's memory for a command run once a night.
      const [{ writeArchive }, { describeBackup }, { BackupError, embeddedSnapshot }, bytes] =
        await Promise.all([
          import('./archive'),
          import('./report'),
          import('./snapshot'),
          import('./documentBytes'),
        ]);
      const snapshot = await embeddedSnapshot(db);
      const files = bytes.documentSources(
        snapshot.lines,
        documents,
        (message) => new BackupError(message),
      );
      const manifest = await writeArchive(snapshot, files, io.data);
      io.out(describeBackup(manifest));
      return 0;
    },
  };
}
