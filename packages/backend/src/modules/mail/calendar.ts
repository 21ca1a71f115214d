import { createEvent } from 'ics';

/** A message's calendar entry. */
export interface CalendarEvent {
  uid: string;
  /** Epoch milliseconds. */
  start: number;
  title: string;
  location: string;
  description: string;
  url: string;
  /** Takes the entry of the same `uid` back out of the calendar. */
  cancelled: boolean;
}

/** Concerts have a start and no end: the calendar entry gives the evening three hours. */
const DURATION = { hours: 3 };

/** The entry as an iCalendar file, and the method a mail client needs to know it by. */
export function iCalendar(event: CalendarEvent): { method: 'PUBLISH' | 'CANCEL'; content: string } {
  const method = event.cancelled ? 'CANCEL' : 'PUBLISH';
  const { value, error } = createEvent({
    productId: 'ticket-booking',
    uid: event.uid,
    start: event.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: DURATION,
    title: event.title,
    location: event.location,
    description: event.description,
    url: event.url,
    method,
    status: event.cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: event.cancelled ? 1 : 0,
  });
  if (value === null) throw error ?? new Error('The calendar entry could not be written');
  return { method, content: value };
}
