import { randomUUID } from 'node:crypto';

/** The 12-bit counter's largest value (RFC 9562 section 6.2, method 1). */
const maxCounter = 0xfff;

let lastMs = 0;
let counter = 0;

/**
 * A new event log id: a UUID of version 7 (RFC 9562), the millisecond of its making followed by
 * a counter and 62 random bits, so that ids made later sort later. Event ids key two indexes
 * (the event log's unique id and the subject explanations' primary key): random version-4 ids
 * put each new entry on a random page of each index, so every entry of a batch wrote pages of
 * its own, and a log of months outgrows the page cache; ordered ids fill the last page.
 * The time in the id is the entry's time, which the entry records anyway.
 */
export function newEventId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    // A random start in the lower half leaves room to count up within the millisecond.
    counter = Math.floor(Math.random() * ((maxCounter + 1) / 2));
  } else if (counter < maxCounter) {
    counter += 1;
  } else {
    // More ids in one millisecond than the counter holds (or the clock went back): borrow the
    // next millisecond, so ids still only go up.
    lastMs += 1;
    counter = 0;
  }

  const time = lastMs.toString(16).padStart(12, '0');
  // The tail of a version-4 UUID: its variant bits and 62 random bits, from Node's entropy pool.
  const random = randomUUID().slice(19);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${random}`;
}
