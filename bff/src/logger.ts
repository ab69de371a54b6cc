import pino from 'pino';

/**
 * Structured JSON logs. Redaction is a second line of defence: code should never log
 * secrets or personal data in the first place.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'bff' },
    redact: {
      paths: [
        'password',
        '*.password',
        'refreshToken',
        '*.refreshToken',
        'accessToken',
        '*.accessToken',
        'req.headers.authorization',
        'idNumber',
        '*.idNumber',
        'phone',
        '*.phone',
        'code',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
