import { hash as oneShotHash } from 'node:crypto';
import type { EventDraft, LoggedEvent } from './store.ts';

/** The hash before the first entry of a chain. */
export const genesisHash = '0'.repeat(64);

/**
 * The hash of an entry covers every field of the entry and the previous entry's hash, so that a
 * changed, removed or reordered entry breaks every hash after it (a hash chain; tamper-evident,
 * not tamper-proof: whoever can rewrite the whole chain can hide a change, see `audit verify`).
 */
export function entryHash(draft: EventDraft, seq: number, prevHash: string): string {
  // A fixed-order array: the text is the same on every platform and database.
  const fields = [
    draft.tenantId,
    seq,
    draft.eventId,
    draft.kind,
    draft.occurredAt,
    draft.userId,
    draft.role,
    draft.purpose,
    draft.modelVersion,
    draft.casePseudonym,
    draft.band,
    draft.detailSha256,
    draft.decisionOutcome,
    draft.predictionEventId,
    prevHash,
  ];
  return oneShotHash('sha256', JSON.stringify(fields), 'hex');
}

/** Places drafts after the head of their chain. */
export function chainEvents(
  drafts: readonly EventDraft[],
  head: { seq: number; hash: string },
): LoggedEvent[] {
  let { seq, hash } = head;
  return drafts.map((draft) => {
    seq += 1;
    const entry: LoggedEvent = { ...draft, seq, prevHash: hash, hash: entryHash(draft, seq, hash) };
    hash = entry.hash;
    return entry;
  });
}

export type ChainBreak =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'link'; seq: number }
  | { kind: 'hash'; seq: number }
  | { kind: 'head'; seq: number };

/**
 * Checks a run of entries against the entry before it. Returns the first break, or the new
 * tail to continue from.
 */
export function checkEntries(
  entries: readonly LoggedEvent[],
  previous: { seq: number; hash: string },
): { ok: true; tail: { seq: number; hash: string } } | { ok: false; broken: ChainBreak } {
  let tail = previous;
  for (const entry of entries) {
    if (entry.seq !== tail.seq + 1) {
      return { ok: false, broken: { kind: 'gap', seq: entry.seq, expectedSeq: tail.seq + 1 } };
    }
    if (entry.prevHash !== tail.hash)
      return { ok: false, broken: { kind: 'link', seq: entry.seq } };
    if (entryHash(entry, entry.seq, entry.prevHash) !== entry.hash) {
      return { ok: false, broken: { kind: 'hash', seq: entry.seq } };
    }
    tail = { seq: entry.seq, hash: entry.hash };
  }
  return { ok: true, tail };
}

export function describeBreak(broken: ChainBreak): string {
  switch (broken.kind) {
    case 'gap':
      return `entry ${broken.seq} follows entry ${broken.expectedSeq - 1}: entries are missing`;
    case 'link':
      return `entry ${broken.seq} does not point to the hash of the entry before it`;
    case 'hash':
      return `entry ${broken.seq} has been changed: its content no longer matches its hash`;
    case 'head':
      return `the log ends at entry ${broken.seq}, which is not its recorded head: entries were removed or rewritten at the end`;
  }
}
