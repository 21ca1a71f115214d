import { venueTime } from '../concerts/concerts.service.js';
import {
  cancellationMessage,
  cancellationSubject,
  confirmationMessage,
  confirmationSubject,
} from './booking-mail.js';
import { renderMail, type MailContent } from './compose.js';
import {
  appLink,
  type LetterContext,
  type MailImage,
  type MailLetter,
  type RenderedMail,
} from './letters.js';
import type { MailMessage } from './mail.repo.js';

type Letter<K extends MailLetter['kind']> = Extract<MailLetter, { kind: K }>;

function ticketsWord(quantity: number): string {
  return quantity === 1 ? '1 ticket' : `${quantity} tickets`;
}

/** The subject, kept with the message in the outbox for listing it. */
export function subjectOf(letter: MailLetter): string {
  switch (letter.kind) {
    case 'booking-confirmed':
      return confirmationSubject(letter);
    case 'booking-cancelled':
      return cancellationSubject(letter);
    case 'waiting-list-offer':
      return `${ticketsWord(letter.quantity)} held for you: ${letter.tierName}`;
    case 'booking-link':
      return 'Your bookings: the link to open them';
  }
}

/** The outbox's message of a letter, as a transaction writes it. */
export function mailMessage(recipient: string, letter: MailLetter, createdAt: number): MailMessage {
  return { recipient, subject: subjectOf(letter), letter, createdAt };
}

/** An offer from the waiting list: the tickets held, until when, and the link that buys them. */
function offerContent(letter: Letter<'waiting-list-offer'>, publicUrl: string): MailContent {
  const { concert } = letter;
  const tickets = ticketsWord(letter.quantity);
  return {
    heading: `${tickets} for ${concert.name} came back`,
    intro: [
      `Good news: ${tickets} (${letter.tierName}) came back, and they are held for you until ` +
        `${venueTime(concert, letter.expiresAt)}.`,
    ],
    details: [
      ['Concert', `${concert.name}: ${concert.artist}`],
      ['When', venueTime(concert, concert.startsAt)],
      ['Where', concert.venue],
    ],
    action: { label: 'Buy them here', url: appLink(publicUrl, `/offers/${letter.token}`) },
    outro: ['After that they go to the next person on the waiting list.'],
  };
}

/** A buyer's way to their bookings on another device, with no account. */
function bookingLinkContent(letter: Letter<'booking-link'>, publicUrl: string): MailContent {
  return {
    heading: 'Open your bookings on this device',
    intro: [
      `Someone (we hope you) asked for the bookings made with this email address: there ${
        letter.bookings === 1 ? 'is 1 booking' : `are ${letter.bookings} bookings`
      }. Follow the link on the device where you want to see them and their tickets.`,
    ],
    action: {
      label: 'Open my bookings',
      url: appLink(publicUrl, `/bookings/find#token=${letter.token}`),
    },
    outro: [
      `The link works for ${letter.validMinutes} minutes from when you asked for it.`,
      'If you did not ask for it, you can ignore this message: nothing changes.',
    ],
  };
}

/** The QR codes go as attachments, referred to by their content id. */
const byContentId = (image: MailImage): string => `cid:${image.cid}`;

/**
 * The message a letter makes: its subject, text, HTML, calendar entry and images. `imageSrc`
 * says where the HTML finds each image (in a message, the attachment of that content id).
 */
export function renderLetter(
  letter: MailLetter,
  context: LetterContext,
  imageSrc: (image: MailImage) => string = byContentId,
): RenderedMail {
  const subject = subjectOf(letter);
  switch (letter.kind) {
    case 'booking-confirmed':
    case 'booking-cancelled': {
      const message =
        letter.kind === 'booking-confirmed'
          ? confirmationMessage(letter, context, imageSrc)
          : cancellationMessage(letter, context);
      const { body, html } = renderMail(message.content);
      return { subject, text: body, html, calendar: message.calendar, images: message.images };
    }
    case 'waiting-list-offer': {
      const { body, html } = renderMail(offerContent(letter, context.publicUrl));
      return { subject, text: body, html, images: [] };
    }
    case 'booking-link': {
      const { body, html } = renderMail(bookingLinkContent(letter, context.publicUrl));
      return { subject, text: body, html, images: [] };
    }
  }
}
