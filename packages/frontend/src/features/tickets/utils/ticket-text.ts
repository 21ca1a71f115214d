/** "Ticket 2 of 3", or "Ticket 2" when the booking's size is not known here. */
export function ticketNumberText(number: number, of?: number): string {
  return of === undefined ? `Ticket ${number}` : `Ticket ${number} of ${of}`;
}

/**
 * Where a door check-in happened, as a phrase: a door named like a place ("Main gate",
 * "Door 2") by its name, a bare name or number ("2", "North") as "door 2".
 */
export function atDoor(door: string | null): string {
  if (door === null || door.trim() === '') return '';
  const name = door.trim();
  return /\b(door|gate|entrance|entry)\b/i.test(name) ? ` at ${name}` : ` at door ${name}`;
}
