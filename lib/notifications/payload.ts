import { EVENT_TITLES, type NotificationEvent } from "./events";

/** Everything a message says about one event; gathered from the database by notify(). */
export interface NotificationFacts {
  event: NotificationEvent;
  occurredAt: Date;
  service: string;
  environment: string;
  artifactVersion: string | null;
  promotionId: string | null;
  /** A sentence with the specifics (failure reason, live image, override reason). */
  detail: string | null;
  /** Absolute link to the promotion page (or the service when there is no promotion). */
  url: string | null;
}

export function notificationText(facts: NotificationFacts): string {
  const what = `${EVENT_TITLES[facts.event]}: ${facts.service} / ${facts.environment}${facts.artifactVersion ? ` (${facts.artifactVersion})` : ""}`;
  return facts.detail ? `${what}. ${facts.detail}` : what;
}

/** The generic JSON body: stable field names for receivers to parse. */
export function genericPayload(facts: NotificationFacts) {
  return {
    event: facts.event,
    occurredAt: facts.occurredAt.toISOString(),
    service: facts.service,
    environment: facts.environment,
    artifactVersion: facts.artifactVersion,
    promotionId: facts.promotionId,
    detail: facts.detail,
    url: facts.url,
    text: notificationText(facts),
  };
}

const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack incoming-webhook body: `text` is the fallback, `blocks` the rich rendering. */
export function slackPayload(facts: NotificationFacts) {
  const text = notificationText(facts);
  const link = facts.url ? ` <${facts.url}|Open in Gantry>` : "";
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(EVENT_TITLES[facts.event])}*: ${escapeSlack(`${facts.service} / ${facts.environment}`)}${link}` } },
      ...(facts.detail || facts.artifactVersion
        ? [{ type: "context", elements: [{ type: "mrkdwn", text: escapeSlack([facts.artifactVersion, facts.detail].filter(Boolean).join(" · ")) }] }]
        : []),
    ],
  };
}

export function payloadFor(kind: "Generic" | "Slack", facts: NotificationFacts) {
  return kind === "Slack" ? slackPayload(facts) : genericPayload(facts);
}
