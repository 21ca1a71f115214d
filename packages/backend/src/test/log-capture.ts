import type { DestinationStream } from 'pino';

/** One JSON log line as the server wrote it. */
export type LogLine = Record<string, any>;

export interface LogCapture {
  /** Hand this to the logger. */
  stream: DestinationStream;
  /** Every line written so far, parsed; each must be JSON or the test fails here. */
  lines(): LogLine[];
  /** The written text, unparsed, to prove what never appears in it. */
  text(): string;
}

/** Keeps a logger's output in memory, as the test's pino destination. */
export function captureLogs(): LogCapture {
  const written: string[] = [];
  return {
    stream: {
      write(line: string) {
        written.push(line);
      },
    },
    lines: () => written.map((line) => JSON.parse(line) as LogLine),
    text: () => written.join(''),
  };
}
