export interface SessionsRepo {
  /** Records a session the first time it holds or buys something. */
  ensure(sessionId: string, now: number): Promise<void>;
}
