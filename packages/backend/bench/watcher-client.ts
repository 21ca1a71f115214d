import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { backendRoot, FROM_SOURCE } from '../src/test/server-process.js';

/** What a watchers process says of its watchers: each one's last event id, and the distinct data. */
export interface WatchersState {
  versions: number[];
  lastData: string[];
}

/**
 * Whether every watcher's last event is the same version, and says what is stored. Instances
 * each serialize the event themselves (with their own server time), so only its counts are
 * compared.
 */
export function lastEventsMatch(
  state: WatchersState,
  tiers: { held: number; sold: number }[],
): boolean {
  if (state.lastData.length === 0 || new Set(state.versions).size !== 1) return false;
  const counts = (list: { held: number; sold: number }[]) =>
    JSON.stringify(list.map(({ held, sold }) => [held, sold]));
  return state.lastData.every((data) => {
    const event = JSON.parse(data) as { tiers?: { held: number; sold: number }[] };
    return counts(event.tiers ?? []) === counts(tiers);
  });
}

/** The benchmark's side of the watchers process. */
export interface Watchers {
  connect(url: string, concertId: string, count: number): Promise<void>;
  /** Ms from `sentAt` (epoch ms, sub-ms) until every watcher had `version`. */
  expect(version: number, sentAt: number): Promise<number>;
  state(): Promise<WatchersState>;
  close(): void;
}

export function startWatchers(): Watchers {
  const child: ChildProcess = fork(path.join(backendRoot, 'bench/watchers.ts'), [], {
    execArgv: FROM_SOURCE,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  function ask<T>(message: unknown, reply: string): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (answer: { type: string } & T) => {
        if (answer.type !== reply) return;
        child.off('message', onMessage);
        resolve(answer);
      };
      child.on('message', onMessage);
      child.send(message as object);
    });
  }
  return {
    async connect(url, concertId, count) {
      await ask({ type: 'connect', url, concertId, count }, 'connected');
    },
    async expect(version, sentAt) {
      const answer = await ask<{ latestMs: number }>(
        { type: 'expect', version, sentAt },
        'arrived',
      );
      return answer.latestMs;
    },
    state: () => ask({ type: 'state' }, 'state'),
    close() {
      child.send({ type: 'close' });
    },
  };
}
