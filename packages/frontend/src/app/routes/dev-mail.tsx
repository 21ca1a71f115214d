import { MailOutbox } from '../../features/dev-mail';
import { usePageTitle } from '../page-title';

/** `/dev/mail`: the developers' view of the mail the product sends. */
export function DevMailRoute() {
  usePageTitle('Mail outbox');
  return <MailOutbox />;
}
