import type { DevMailList } from '@ticket-booking/shared';
import { useId, useState } from 'react';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import { Card } from '../../../components/card';
import { Spinner } from '../../../components/spinner';
import { messageOf } from '../../../lib/api-client';
import { DEV_MAIL_REFRESH_MS, isNoOutbox, useDevMail } from '../api/dev-mail';
import { MailList } from './mail-list';
import { MailMessage, type MailFormat } from './mail-message';

function NoMailYet() {
  return (
    <Card className="px-6 py-12 text-center">
      <p className="font-semibold text-slate-900">No mail yet</p>
      <p className="mt-1 text-sm text-slate-600">
        Buy tickets and the confirmation appears here a few seconds later.
      </p>
      <ButtonLink to="/" className="mt-4">
        Find a concert
      </ButtonLink>
    </Card>
  );
}

/** The list beside the chosen message, the newest until another is chosen. */
function Messages({ outbox }: { outbox: DevMailList }) {
  const listHeadingId = useId();
  const [chosenId, setChosenId] = useState<number | null>(null);
  // Kept from one message to the next: whoever reads the text of one wants the text of the next.
  const [format, setFormat] = useState<MailFormat>('html');
  const { messages } = outbox;
  // Until one is chosen, or once the chosen one is gone, the newest: new mail shows as it comes.
  const shown = messages.find((mail) => mail.id === chosenId) ?? messages[0];
  if (shown === undefined) return <NoMailYet />;

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <div>
        <h2 id={listHeadingId} className="mb-3 text-sm font-semibold text-slate-700">
          Messages <span className="font-normal text-slate-500">({messages.length})</span>
        </h2>
        <MailList
          messages={messages}
          selectedId={shown.id}
          onSelect={setChosenId}
          labelledBy={listHeadingId}
        />
      </div>
      <div className="lg:sticky lg:top-6">
        <MailMessage mail={shown} format={format} onFormatChange={setFormat} />
      </div>
    </div>
  );
}

/**
 * `/dev/mail`: for developers, the mail the product would have sent, read from the `.eml` files
 * the server writes when no mail server is configured, and asked for again every few seconds.
 */
export function MailOutbox() {
  const outbox = useDevMail();
  // Only a refresh asked for shows as busy: the background ones would make the button flicker.
  const [refreshing, setRefreshing] = useState(false);
  const noOutbox = isNoOutbox(outbox.error);
  const data = noOutbox ? undefined : outbox.data;

  let content;
  if (noOutbox) {
    content = (
      <Alert tone="info" title="No outbox to show">
        Mail goes to the configured mail server, so there is no outbox to show here. The server
        keeps one only when no mail server is configured and it listens on its own host alone.
      </Alert>
    );
  } else if (data) {
    content = (
      <div className="space-y-4">
        {outbox.isError && (
          <Alert tone="warning" title="The outbox could not be refreshed">
            {messageOf(outbox.error)} What is shown may be out of date.
          </Alert>
        )}
        <Messages outbox={data} />
      </div>
    );
  } else if (outbox.isError) {
    content = (
      <Alert
        tone="error"
        title="We could not load the outbox"
        action={
          <Button variant="secondary" onClick={() => void outbox.refetch()}>
            Try again
          </Button>
        }
      >
        {messageOf(outbox.error)}
      </Alert>
    );
  } else {
    content = <Spinner label="Loading the outbox…" />;
  }

  return (
    <div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4 sm:mb-8">
        <div className="max-w-3xl">
          <p className="text-sm font-semibold text-indigo-600">For developers</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">Mail outbox</h1>
          <p className="mt-2 text-slate-600">
            The messages the product would have emailed
            {data && (
              <>
                , kept as <code className="font-mono text-sm">.eml</code> files in{' '}
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm break-all text-slate-800">
                  {data.folder}
                </code>{' '}
                on the server
              </>
            )}
            , for development.
          </p>
          {data && (
            <p className="mt-1 text-sm text-slate-500">
              New mail shows up by itself: the page checks every {DEV_MAIL_REFRESH_MS / 1000}{' '}
              seconds while it is open.
            </p>
          )}
        </div>
        {data && (
          <Button
            variant="secondary"
            aria-busy={refreshing}
            onClick={() => {
              setRefreshing(true);
              void outbox.refetch().finally(() => {
                setRefreshing(false);
              });
            }}
          >
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        )}
      </div>
      {content}
    </div>
  );
}
