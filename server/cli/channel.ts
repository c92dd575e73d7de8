// The admin channel: a Unix domain socket in an embedded server's DATA_DIR through which the
// admin CLI asks the running server to run a command for it. The embedded engine allows one
// process per data directory (dataDirLock.ts), so a command that must see the live data (a
// backup) runs inside the server that holds it. Any command can use it: the CLI sends the name
// and arguments, the server answers with output, data and an exit code. The socket is 0600 in
// the data directory, so only the account the server runs as can connect, as only it can read
// the data files; a socket left by a killed server is removed at the next start, under the lock.
//
// Wire format: the request is one JSON line {"command": "...", "args": [...]}; the answer is a
// sequence of frames, each a type byte, a 4-byte big-endian length and that many bytes:
// 'o' stdout text, 'e' stderr text, 'd' data (a command's file, e.g. the archive), and last 'x'
// with the exit code as text.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from '../logger';

export const CHANNEL_FILE = 'admin.sock';
/** Unix socket paths longer than this do not fit sockaddr_un on Linux (108 bytes with the NUL). */
const MAX_SOCKET_PATH = 107;
const MAX_REQUEST_BYTES = 64 * 1024;

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** The command's file output; respects the socket's backpressure. */
  data: Writable;
}

export type ChannelCommand = (args: string[], io: CommandIo) => Promise<number>;

export const channelPath = (dataDir: string) => path.join(dataDir, CHANNEL_FILE);

function frame(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

function dataWritable(socket: net.Socket): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (socket.destroyed) return callback(new Error('the admin command disconnected'));
      if (socket.write(frame('d', chunk))) callback();
      else socket.once('drain', () => callback());
    },
  });
}

async function serve(
  socket: net.Socket,
  commands: Record<string, ChannelCommand>,
  logger: Logger,
): Promise<void> {
  let buffered = Buffer.alloc(0);
  const request = await new Promise<{ command?: unknown; args?: unknown }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(0x0a);
      if (end < 0 && buffered.length <= MAX_REQUEST_BYTES) return;
      socket.off('data', onData);
      try {
        resolve(
          JSON.parse(buffered.subarray(0, end < 0 ? undefined : end).toString('utf8')) as {
            command?: unknown;
            args?: unknown;
          },
        );
      } catch {
        reject(new Error('the request is not one JSON line'));
      }
    };
    socket.on('data', onData);
    socket.once('end', () => reject(new Error('the request ended early')));
  });
  const send = (type: string, text: string) => socket.write(frame(type, Buffer.from(text, 'utf8')));
  const name = typeof request.command === 'string' ? request.command : '';
  const args = Array.isArray(request.args) ? request.args.map(String) : [];
  const command = commands[name];
  let code = 2;
  if (!command) {
    send('e', `The running server does not run "${name}" for the admin command.\n`);
  } else {
    logger.info({ command: name }, 'admin command through the admin channel');
    try {
      code = await command(args, {
        out: (text) => send('o', text),
        err: (text) => send('e', text),
        data: dataWritable(socket),
      });
    } catch (error) {
      logger.warn({ err: error, command: name }, 'admin command failed');
      send('e', `${(error as Error).message}\n`);
      code = 1;
    }
  }
  socket.end(frame('x', Buffer.from(String(code))));
}

export interface ChannelServer {
  close(): Promise<void>;
}

/**
 * Listen on DATA_DIR/admin.sock. Call only while holding the data directory's lock: a socket
 * file there is then one a previous server left, and is replaced.
 */
export async function listenChannel(
  dataDir: string,
  commands: Record<string, ChannelCommand>,
  logger: Logger,
): Promise<ChannelServer | null> {
  const file = channelPath(path.resolve(dataDir));
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    logger.warn(
      { file },
      'the data directory path is too long for the admin channel socket: admin commands such as backup refuse to run while the server runs',
    );
    return null;
  }
  fs.rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    serve(socket, commands, logger).catch((error: unknown) => {
      logger.warn({ err: error }, 'admin channel request refused');
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  fs.chmodSync(file, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(file, { force: true });
      }),
  };
}

export interface ChannelSinks {
  out(text: string): void;
  err(text: string): void;
  /** Made on the first data frame. */
  data(): Writable;
}

/**
 * Run `command` in the server listening on `dataDir`'s channel. Resolves with its exit code, or
 * null when no server listens there (no socket, or one a stopped server left).
 */
export function runThroughChannel(
  dataDir: string,
  command: string,
  args: string[],
  sinks: ChannelSinks,
): Promise<number | null> {
  const file = channelPath(path.resolve(dataDir));
  return new Promise((resolve, reject) => {
    const socket = net.connect(file);
    let connected = false;
    let pending = Buffer.alloc(0);
    let code: number | null = null;
    let data: Writable | null = null;
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ command, args })}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5) {
        const length = pending.readUInt32BE(1);
        if (pending.length < 5 + length) break;
        const type = pending.toString('latin1', 0, 1);
        const payload = pending.subarray(5, 5 + length);
        pending = pending.subarray(5 + length);
        if (type === 'o') sinks.out(payload.toString('utf8'));
        else if (type === 'e') sinks.err(payload.toString('utf8'));
        else if (type === 'x') code = Number(payload.toString('utf8'));
        else if (type === 'd') {
          data ??= sinks.data();
          if (!data.write(payload)) {
            socket.pause();
            data.once('drain', () => socket.resume());
          }
        }
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) resolve(null);
      else reject(error);
    });
    socket.once('close', () => {
      if (!connected) return;
      if (code === null)
        reject(new Error('The server closed the admin channel before the command finished.'));
      else resolve(code);
    });
  });
}
