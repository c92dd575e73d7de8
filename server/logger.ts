import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Request bodies are never logged (they can hold confidential memo text), and
 * credentials are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
