import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../server/env';
import { createLogger } from '../../server/logger';
import { seedDemo, type DemoLogin } from '../../server/seed/demo';
import { startServer, type RunningServer } from '../../server/server';
import { freshStorageEnv, type Engine } from './engines';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export interface TestServer {
  url: string;
  mail: TestSmtpServer;
  /** Every log line the server wrote, for tests that prove what never reaches the logs. */
  logs: string[];
  demo: DemoLogin[] | undefined;
  server: RunningServer;
  close(): Promise<void>;
}

export interface TestServerOptions {
  seedDemo?: boolean;
  engine?: Engine;
  env?: Record<string, string>;
  /** False: no SMTP_URL, as on a server without mail (the in-process SMTP server gets nothing). */
  smtp?: boolean;
}

const clientDir = path.resolve(import.meta.dirname, '../../dist/client');

/** The real server on 127.0.0.1, a fresh store, and a real SMTP server in-process. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const mail = await startSmtpServer();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    ...(options.smtp !== false && { SMTP_URL: mail.url }),
    LOG_LEVEL: 'info',
    ...freshStorageEnv(options.engine ?? 'embedded'),
    ...options.env,
  });
  const server = await startServer(config, createLogger('info', sink), { clientDir });
  const demo = options.seedDemo ? await seedDemo(server.ctx.repos) : undefined;
  return {
    url: server.url,
    mail,
    logs,
    demo,
    server,
    async close() {
      await server.close();
      await mail.close();
    },
  };
}
