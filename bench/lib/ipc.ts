// The small request/response protocol between the orchestrator and its child processes (servers
// under test and load generators), over Node's IPC channel.

export interface Request {
  id: number;
  cmd: string;
  args: unknown;
}

export type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Something the child says without being asked (a phase marker, a readiness note). */
export interface Notice {
  notice: string;
  data: unknown;
}

export type Handler = (args: unknown) => Promise<unknown>;

function isRequest(message: unknown): message is Request {
  return typeof message === 'object' && message !== null && 'cmd' in message && 'id' in message;
}

/** Child side: answer the orchestrator's requests with `handlers`. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const handler = handlers[message.cmd];
    const reply = (answer: Reply) => process.send?.(answer);
    if (!handler) {
      reply({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
      return;
    }
    handler(message.args).then(
      (result) => reply({ id: message.id, ok: true, result: result ?? null }),
      (error: unknown) =>
        reply({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  // The orchestrator going away takes its children with it.
  process.on('disconnect', () => process.exit(0));
  // A normal exit on SIGTERM, so that --cpu-prof gets written.
  process.on('SIGTERM', () => process.exit(0));
}

/** Child side: tell the orchestrator something. */
export function notify(notice: string, data: unknown = null): void {
  process.send?.({ notice, data } satisfies Notice);
}
