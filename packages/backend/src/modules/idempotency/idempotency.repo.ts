/** Which request a key was first used for, and the answer it got. */
export interface StoredReply {
  fingerprint: string;
  status: number;
  /** The JSON body, parsed. */
  body: unknown;
}

export interface NewStoredReply extends StoredReply {
  sessionId: string;
  endpoint: string;
  key: string;
  createdAt: number;
}

/** The answers given to requests that carried an Idempotency-Key. */
export interface IdempotencyRepo {
  /** The reply stored for the session's key on the endpoint, if it was stored after `since`. */
  find(
    sessionId: string,
    endpoint: string,
    key: string,
    since: number,
  ): Promise<StoredReply | undefined>;
  /** Stores the reply, replacing one stored before the lookup window. */
  save(reply: NewStoredReply): Promise<void>;
  /** Deletes up to `limit` of the keys stored at or before `cutoff`; returns how many went. */
  deleteStoredUntil(cutoff: number, limit: number): Promise<number>;
}
