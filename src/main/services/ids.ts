import { randomUUID } from 'node:crypto';

/** A new id, safe as a file name (the store names article files by id). */
export function newId(): string {
  return randomUUID();
}

/** The current time as an ISO 8601 timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}
