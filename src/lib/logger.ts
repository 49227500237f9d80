import pino, { type Logger } from 'pino'

/** Structured logs on stderr, so that a command's stdout stays its output; sensitive keys are redacted. */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  )
}

export type { Logger }
