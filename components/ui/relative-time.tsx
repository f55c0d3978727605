import { formatAbsoluteTime, formatRelativeTime } from "./format";

/**
 * "5m ago", with the exact UTC time on hover and in the machine-readable dateTime. The text is
 * computed at render, so a client re-render may differ from the server's by a minute: accept the DOM.
 */
export function RelativeTime({ date, now = new Date(), className }: { date: Date; now?: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} title={formatAbsoluteTime(date)} className={className} suppressHydrationWarning>
      {formatRelativeTime(date, now)}
    </time>
  );
}
