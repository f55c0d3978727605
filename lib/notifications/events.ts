export const NOTIFICATION_EVENTS = [
  "approval.requested",
  "promotion.failed",
  "verification.failed",
  "rollback.done",
  "drift.detected",
  "freeze.override",
] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const EVENT_TITLES: Record<NotificationEvent, string> = {
  "approval.requested": "Approval requested",
  "promotion.failed": "Promotion failed",
  "verification.failed": "Verification failed",
  "rollback.done": "Rollback done",
  "drift.detected": "Drift detected",
  "freeze.override": "Freeze override used",
};
