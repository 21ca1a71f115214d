/**
 * Versioned schema changes, applied in order on startup. Never edit a released migration: add one.
 * Times are epoch milliseconds (INTEGER) so that expiry comparisons are exact; money is integer cents.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'booking core',
    sql: `
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      -- Signs session cookies; SQLite's randomness comes from the operating system.
      INSERT INTO app_settings (key, value) VALUES ('session_secret', hex(randomblob(32)));

      CREATE TABLE concerts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        artist TEXT NOT NULL,
        venue TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- held is the sum of the quantities of this tier's hold rows; the transactions that add or
      -- remove hold rows keep it in step, so a checkout never has to add up thousands of holds.
      CREATE TABLE tiers (
        id INTEGER PRIMARY KEY,
        concert_id TEXT NOT NULL REFERENCES concerts (id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
        currency TEXT NOT NULL,
        total INTEGER NOT NULL CHECK (total >= 0),
        sold INTEGER NOT NULL DEFAULT 0 CHECK (sold >= 0),
        held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
        CHECK (sold + held <= total),
        UNIQUE (concert_id, code)
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE holds (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        concert_id TEXT NOT NULL REFERENCES concerts (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        deadline_at INTEGER NOT NULL,
        last_active_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        hard_cap_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        UNIQUE (session_id, concert_id)
      ) STRICT;
      CREATE INDEX holds_by_concert_expiry ON holds (concert_id, expires_at);
      CREATE INDEX holds_by_expiry ON holds (expires_at);

      CREATE TABLE hold_items (
        hold_id INTEGER NOT NULL REFERENCES holds (id) ON DELETE CASCADE,
        tier_id INTEGER NOT NULL REFERENCES tiers (id) ON DELETE CASCADE,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (hold_id, tier_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX hold_items_by_tier ON hold_items (tier_id);

      CREATE TABLE bookings (
        id TEXT PRIMARY KEY,
        confirmation_code TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        concert_id TEXT NOT NULL REFERENCES concerts (id),
        status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
        total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
        currency TEXT NOT NULL,
        buyer_name TEXT NOT NULL,
        buyer_email TEXT NOT NULL,
        card_brand TEXT NOT NULL,
        card_last4 TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX bookings_by_session ON bookings (session_id, created_at);
      CREATE INDEX bookings_by_concert ON bookings (concert_id);

      CREATE TABLE booking_items (
        booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
        tier_id INTEGER NOT NULL REFERENCES tiers (id),
        tier_code TEXT NOT NULL,
        tier_name TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
        PRIMARY KEY (booking_id, tier_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX booking_items_by_tier ON booking_items (tier_id);
    `,
  },
  {
    version: 2,
    name: 'availability version',
    sql: `
      -- Grows by one in every transaction that changes a concert's counts; it is the SSE event id,
      -- so it must survive restarts and be shared by every process on the file.
      ALTER TABLE concerts ADD COLUMN availability_version INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 3,
    name: 'hold leave grace',
    sql: `
      -- When the checkout page last said it was going away (null once it is heard from again).
      ALTER TABLE holds ADD COLUMN left_at INTEGER;
    `,
  },
  {
    version: 4,
    name: 'fewer index pages per checkout',
    sql: `
      -- Every index is one more page a checkout writes. Expired holds are found per concert
      -- (holds_by_concert_expiry), and tiers are deleted only with their concert's holds gone.
      DROP INDEX holds_by_expiry;
      DROP INDEX hold_items_by_tier;
    `,
  },
  {
    version: 5,
    name: 'idempotency keys',
    sql: `
      -- The first answer to each Idempotency-Key, replayed to a repeat of the same request for a
      -- day. A key belongs to one session and one endpoint, so nobody is answered with another
      -- shopper's reply. No foreign key to sessions: a refused first request (a hold that ran
      -- out) is answered, and so kept, before the session has a row. A rowid table, as bodies of
      -- several hundred bytes are too large for WITHOUT ROWID to pay off.
      CREATE TABLE idempotency_keys (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        key TEXT NOT NULL,
        -- SHA-256 of the request as parsed, in canonical JSON: the same key with another request
        -- is refused rather than answered with the first one's reply.
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        -- The JSON body as it was sent.
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (session_id, endpoint, key)
      ) STRICT;
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `,
  },
  {
    version: 6,
    name: 'hold counters',
    sql: `
      -- What became of the concert's holds since it went on sale, for the organizer's figures.
      -- Kept on the concert row, which every hold write already changes (its version), so the
      -- counts cost no extra page; the transaction that creates, sweeps or buys a hold adds to them.
      ALTER TABLE concerts ADD COLUMN holds_created INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE concerts ADD COLUMN holds_expired INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE concerts ADD COLUMN holds_converted INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 7,
    name: 'booking cancellation',
    sql: `
      -- When the shopper cancelled the booking; the row stays, as the record of the sale and the
      -- refund. Set exactly when the status is CANCELLED.
      ALTER TABLE bookings ADD COLUMN cancelled_at INTEGER
        CHECK ((cancelled_at IS NULL) = (status = 'CONFIRMED'));
    `,
  },
  {
    version: 8,
    name: 'hold prices',
    sql: `
      -- The price each held ticket was shown at: an organizer's price change applies to new
      -- holds, never to one a shopper is already paying for. Holds from before keep the tier's.
      ALTER TABLE hold_items ADD COLUMN unit_price_cents INTEGER CHECK (unit_price_cents >= 0);
    `,
  },
  {
    version: 9,
    name: 'venue time zone and end of sales',
    sql: `
      -- The venue's IANA time zone, in which every time of the concert is told. Concerts from
      -- before were put on sale with their times in UTC.
      ALTER TABLE concerts ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
      -- When holds and sales stop: at the start unless the organizer closes them sooner.
      ALTER TABLE concerts ADD COLUMN sales_end_at INTEGER
        CHECK (sales_end_at IS NULL OR sales_end_at <= starts_at);
      UPDATE concerts SET sales_end_at = starts_at;
    `,
  },
  {
    version: 10,
    name: 'run-out holds',
    sql: `
      -- A trace of each session's last hold on a concert that ran out, kept for a day, so that
      -- paying for it or keeping it alive afterwards is told it ran out (410) rather than that
      -- nothing was ever held (404). The sweep that deletes a run-out hold writes it; giving the
      -- tickets back or buying a later hold wipes it. Checkouts never touch it.
      CREATE TABLE expired_holds (
        session_id TEXT NOT NULL,
        concert_id TEXT NOT NULL,
        expired_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, concert_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX expired_holds_by_age ON expired_holds (expired_at);
    `,
  },
  {
    version: 11,
    name: 'holds by client address',
    sql: `
      -- The address a hold was asked for from, as the per-address limit counts it (IPv6 by its
      -- /56), so that the tickets one client holds of a concert can be bounded whatever its
      -- sessions. Holds made before have none, and count against no address.
      ALTER TABLE holds ADD COLUMN client_address TEXT;
      CREATE INDEX holds_by_concert_address ON holds (concert_id, client_address);
    `,
  },
  {
    version: 12,
    name: 'run-out holds remember their cap',
    sql: `
      -- The hard cap of the hold a trace is of: a hold that ran out at its cap keeps its session
      -- from holding the concert's tickets again for a cool-down. Traces written before have
      -- none, and keep nobody waiting.
      ALTER TABLE expired_holds ADD COLUMN hard_cap_at INTEGER;
    `,
  },
  {
    version: 13,
    name: 'purchase limit per buyer',
    sql: `
      -- The most tickets of the concert one buyer may buy, counted by email address and by card;
      -- NULL sets no limit. Concerts from before get the product's default.
      ALTER TABLE concerts ADD COLUMN max_tickets_per_buyer INTEGER DEFAULT 8
        CHECK (max_tickets_per_buyer IS NULL OR max_tickets_per_buyer > 0);
      -- A booking's buyer as the limit counts them: the email address normalized (one case, no
      -- "+tag", no dots at Gmail) and the card by brand, last four digits and expiry, which is
      -- all that is kept of it. Bookings from before have no expiry, and count by email only.
      ALTER TABLE bookings ADD COLUMN buyer_email_key TEXT;
      ALTER TABLE bookings ADD COLUMN card_expiry TEXT;
      UPDATE bookings SET buyer_email_key = (
        SELECT CASE WHEN domain = 'gmail.com' THEN replace(local, '.', '') ELSE local END
               || '@' || domain
        FROM (SELECT CASE WHEN instr(local, '+') > 1 THEN substr(local, 1, instr(local, '+') - 1)
                          ELSE local END AS local,
                     CASE domain WHEN 'googlemail.com' THEN 'gmail.com' ELSE domain END AS domain
              FROM (SELECT substr(v, 1, instr(v, '@') - 1) AS local,
                           substr(v, instr(v, '@') + 1) AS domain
                    FROM (SELECT lower(trim(bookings.buyer_email)) AS v))));
      CREATE INDEX bookings_by_buyer_email ON bookings (concert_id, buyer_email_key);
      CREATE INDEX bookings_by_card ON bookings (concert_id, card_last4, card_brand, card_expiry);
    `,
  },
  {
    version: 14,
    name: 'on-sale time and waiting room',
    sql: `
      -- When sales open; NULL: when the concert was put on sale. A waiting room lets shoppers in
      -- at admit_per_minute from then (NULL: none); places_drawn_at is when the places of those
      -- who joined before on-sale were drawn, once.
      ALTER TABLE concerts ADD COLUMN on_sale_at INTEGER;
      ALTER TABLE concerts ADD COLUMN admit_per_minute INTEGER
        CHECK (admit_per_minute IS NULL OR admit_per_minute > 0);
      ALTER TABLE concerts ADD COLUMN places_drawn_at INTEGER;
      -- One place per session and concert. Those who join before on-sale have a random draw and
      -- no place until the draw; later ones get the next place as they join. No two share one.
      CREATE TABLE waiting_room (
        concert_id TEXT NOT NULL REFERENCES concerts (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        draw INTEGER NOT NULL,
        place INTEGER CHECK (place IS NULL OR place > 0),
        PRIMARY KEY (concert_id, session_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX waiting_room_by_place ON waiting_room (concert_id, place);
    `,
  },
  {
    version: 15,
    name: 'waiting lists',
    sql: `
      -- How long tickets that come back stay held for the next on a tier's waiting list.
      ALTER TABLE concerts ADD COLUMN offer_minutes INTEGER NOT NULL DEFAULT 30
        CHECK (offer_minutes > 0);
      -- Tickets the tier's waiting list asks for and has not been offered yet. A checkout counts
      -- them as taken, so that tickets coming back go to the list first, whoever asks sooner.
      ALTER TABLE tiers ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0);
      -- Shoppers waiting for a sold-out tier, first come first served (by id). An offer holds
      -- tickets in a hold of its own, for whoever has its token, until offer_expires_at.
      CREATE TABLE waiting_list (
        id INTEGER PRIMARY KEY,
        concert_id TEXT NOT NULL REFERENCES concerts (id) ON DELETE CASCADE,
        tier_id INTEGER NOT NULL REFERENCES tiers (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        joined_at INTEGER NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('WAITING', 'OFFERED', 'BOUGHT', 'LAPSED', 'LEFT')),
        offer_token TEXT UNIQUE,
        offered_at INTEGER,
        offer_expires_at INTEGER
      ) STRICT;
      CREATE INDEX waiting_list_by_tier ON waiting_list (tier_id, status, id);
      CREATE INDEX waiting_list_by_session ON waiting_list (concert_id, session_id);
      -- One entry per tier that is not over, per session and per buyer's email.
      CREATE UNIQUE INDEX waiting_list_one_per_session ON waiting_list (tier_id, session_id)
        WHERE status IN ('WAITING', 'OFFERED');
      CREATE UNIQUE INDEX waiting_list_one_per_email ON waiting_list (tier_id, email_key)
        WHERE status IN ('WAITING', 'OFFERED');
      -- Messages to shoppers, written in the transaction that has them to say: what a mail
      -- transport delivers, and what a developer reads where there is none.
      CREATE TABLE mail_outbox (
        id INTEGER PRIMARY KEY,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX mail_outbox_by_recipient ON mail_outbox (recipient, id);
    `,
  },
  {
    version: 16,
    name: 'mail delivery',
    sql: `
      -- Delivery of the outbox: each message is sent by a worker after its transaction has
      -- committed, retried with back-off while the mail server fails, and given up on (FAILED)
      -- after a few hours. A worker leases the message it sends by moving its next attempt
      -- ahead, so that no other instance sends it meanwhile.
      ALTER TABLE mail_outbox ADD COLUMN html TEXT;
      -- An iCalendar invitation sent with the message.
      ALTER TABLE mail_outbox ADD COLUMN calendar TEXT;
      ALTER TABLE mail_outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'SENT', 'FAILED'));
      ALTER TABLE mail_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE mail_outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE mail_outbox ADD COLUMN sent_at INTEGER;
      ALTER TABLE mail_outbox ADD COLUMN last_error TEXT;
      -- Messages written before there was delivery told of offers long over: never sent.
      UPDATE mail_outbox SET status = 'FAILED', last_error = 'Written before mail was delivered';
      CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE status = 'PENDING';
    `,
  },
  {
    version: 17,
    name: 'check-ins',
    sql: `
      -- A ticket is a booking's admission by number (its code is the booking's id, the number
      -- and a signature): only those let in at a door have a row, and the key lets each in once.
      CREATE TABLE check_ins (
        booking_id TEXT NOT NULL REFERENCES bookings (id),
        ticket INTEGER NOT NULL CHECK (ticket > 0),
        checked_in_at INTEGER NOT NULL,
        door TEXT,
        PRIMARY KEY (booking_id, ticket)
      ) STRICT;
    `,
  },
  {
    version: 18,
    name: 'mail letters',
    sql: `
      -- What a message says, as JSON facts written by the transaction that decides it: its
      -- text, HTML, QR codes and calendar entry are made when it is sent. Messages written
      -- whole before (body, html, calendar) are sent as they are.
      ALTER TABLE mail_outbox ADD COLUMN letter TEXT;
    `,
  },
  {
    version: 19,
    name: 'booking access',
    sql: `
      -- Bookings opened on another device than the one they were bought on, by the buyer's
      -- email and confirmation code or a link sent to that email: the session there sees and
      -- manages them as its own.
      CREATE TABLE booking_access (
        session_id TEXT NOT NULL,
        booking_id TEXT NOT NULL REFERENCES bookings (id),
        shared_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, booking_id)
      ) STRICT;
      -- A buyer's bookings by the email address they were bought with, in any case.
      CREATE INDEX bookings_by_email ON bookings (lower(buyer_email));
    `,
  },
  {
    version: 20,
    name: 'check-ins by tier',
    sql: `
      -- The tier a check-in let in to, for the organizer's counts per tier: the ticket's number
      -- counts through the booking's items in the tiers' order.
      ALTER TABLE check_ins ADD COLUMN tier_id INTEGER REFERENCES tiers (id);
      UPDATE check_ins SET tier_id = (
        SELECT admitted.tier_id FROM (
          SELECT bi.tier_id,
                 SUM(bi.quantity) OVER (ORDER BY t.position ROWS UNBOUNDED PRECEDING) AS upto
          FROM booking_items bi JOIN tiers t ON t.id = bi.tier_id
          WHERE bi.booking_id = check_ins.booking_id
        ) AS admitted
        WHERE admitted.upto >= check_ins.ticket ORDER BY admitted.upto LIMIT 1);
      CREATE INDEX check_ins_by_tier ON check_ins (tier_id);
    `,
  },
  {
    version: 21,
    name: 'seating',
    sql: `
      -- A seated tier sells the seats of its concert's plan: as many tickets as it has seats.
      ALTER TABLE tiers ADD COLUMN seats INTEGER NOT NULL DEFAULT 0;
      -- The plan as the organizer gave it (JSON): what the map draws.
      CREATE TABLE seat_plans (
        concert_id TEXT PRIMARY KEY REFERENCES concerts (id) ON DELETE CASCADE,
        plan TEXT NOT NULL
      ) STRICT;
      -- Every seat of a plan, by its place in plan order (seat).
      CREATE TABLE seats (
        concert_id TEXT NOT NULL REFERENCES concerts (id) ON DELETE CASCADE,
        seat INTEGER NOT NULL,
        seat_id TEXT NOT NULL,
        tier_id INTEGER NOT NULL REFERENCES tiers (id),
        section TEXT NOT NULL,
        row_label TEXT NOT NULL,
        number TEXT NOT NULL,
        PRIMARY KEY (concert_id, seat),
        UNIQUE (concert_id, seat_id)
      ) STRICT, WITHOUT ROWID;
      -- Who has a seat: a hold or a booking, never both. The key is what lets one have it at a
      -- time; a hold's go with it.
      CREATE TABLE seat_claims (
        concert_id TEXT NOT NULL,
        seat INTEGER NOT NULL,
        hold_id INTEGER REFERENCES holds (id) ON DELETE CASCADE,
        booking_id TEXT REFERENCES bookings (id),
        CHECK ((hold_id IS NULL) <> (booking_id IS NULL)),
        PRIMARY KEY (concert_id, seat),
        FOREIGN KEY (concert_id, seat) REFERENCES seats (concert_id, seat)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX seat_claims_by_hold ON seat_claims (hold_id) WHERE hold_id IS NOT NULL;
      CREATE INDEX seat_claims_by_booking ON seat_claims (booking_id) WHERE booking_id IS NOT NULL;
      -- The seats a booking bought, as printed on its tickets (JSON), kept as they were sold.
      ALTER TABLE booking_items ADD COLUMN seats TEXT;
    `,
  },
];
