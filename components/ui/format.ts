const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Compact relative time ("just now", "5m ago", "3h ago", "in 2d"). Past a month the date itself
 * says more than "7w ago" does. Locale-independent so server and browser render the same text.
 */
export function formatRelativeTime(date: Date, now: Date): string {
  const diff = now.getTime() - date.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  let amount: string;
  if (abs < HOUR) amount = `${Math.max(1, Math.round(abs / MINUTE))}m`;
  else if (abs < DAY) amount = `${Math.round(abs / HOUR)}h`;
  else if (abs < 30 * DAY) amount = `${Math.round(abs / DAY)}d`;
  else return formatDate(date);
  return diff >= 0 ? `${amount} ago` : `in ${amount}`;
}

/** "2025-03-14" in UTC. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2025-03-14 09:26:53 UTC": unambiguous whatever the server's or the reader's time zone. */
export function formatAbsoluteTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** The first 12 hex digits of an image digest, as `docker images` shows them. */
export function shortDigest(digest: string): string {
  const hex = digest.includes(":") ? digest.slice(digest.indexOf(":") + 1) : digest;
  return hex.slice(0, 12);
}

/**
 * An image reference short enough for a board cell: a digest-pinned one as its short digest, a
 * tagged one as `name:tag` without the registry path.
 */
export function shortImage(image: string): string {
  const at = image.indexOf("@");
  if (at >= 0) return shortDigest(image.slice(at + 1));
  return image.slice(image.lastIndexOf("/") + 1);
}
