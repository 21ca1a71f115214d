export { waitingListKeys } from './api/waiting-list';
export { JoinWaitingList } from './components/join-waiting-list';
export { OfferPage } from './components/offer-page';
export { OrganizerWaitingListSection } from './components/organizer-waiting-list';
export { useOrganizerWaitingList, useOffer } from './api/waiting-list';
export { WaitingListEntries } from './components/waiting-list-entries';
