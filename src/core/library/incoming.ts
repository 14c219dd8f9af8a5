/**
 * The "Incoming" list: tracks first seen on or after a date (TrackRecord.dateAdded, the scan's
 * yyyy-mm-dd). By default since the DJ's previous visit, or the last 7 days when there was none.
 * @module
 */
import { isoDate } from './scanLibrary';

/** Days the list covers when the DJ has no previous visit. */
export const INCOMING_DEFAULT_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

/** The first day the list shows: the previous visit's day, or INCOMING_DEFAULT_DAYS ago. */
export function defaultIncomingSince(now: number, previousVisit?: number): string {
  return isoDate(previousVisit !== undefined && previousVisit <= now ? previousVisit : now - INCOMING_DEFAULT_DAYS * DAY_MS);
}

/** Whether a yyyy-mm-dd string is a real calendar day (what a date picker gives, or a typed date). */
export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isoDate(Date.parse(`${value}T00:00:00Z`)) === value;
}

/** Tracks added on or after `since` (yyyy-mm-dd), removed ones left out. */
export function addedSince<T extends { track: { dateAdded: string; status: string } }>(rows: readonly T[], since: string): T[] {
  return rows.filter((row) => row.track.status !== 'removed' && row.track.dateAdded >= since);
}
