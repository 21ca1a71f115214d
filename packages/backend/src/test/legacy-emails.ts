/** Addresses as bookings stored before the email key held them, for the migrations' tests. */
export const LEGACY_EMAILS = [
  ' Ada.Lovelace@Example.ORG',
  'ada+tickets@example.org',
  '+plus@example.org',
  'A.d.A+x@GoogleMail.com',
  'bo.b@gmail.com',
  'cy@sub.example.co.uk',
];
