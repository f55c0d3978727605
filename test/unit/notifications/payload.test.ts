import { describe, expect, it } from "vitest";
import { genericPayload, notificationText, slackPayload, type NotificationFacts } from "@/lib/notifications/payload";
import { signBody, verifyBodySignature } from "@/lib/notifications/sign";

const facts: NotificationFacts = {
  event: "promotion.failed",
  occurredAt: new Date("2026-11-25T12:00:00Z"),
  service: "payments-api",
  environment: "prod",
  artifactVersion: "1.4.2",
  promotionId: "p-1",
  detail: "rollout <timed> out & stopped",
  url: "https://gantry.example.com/promotions/p-1",
};

describe("notification payloads", () => {
  it("says what happened where, with the detail", () => {
    expect(notificationText(facts)).toBe("Promotion failed: payments-api / prod (1.4.2). rollout <timed> out & stopped");
    expect(notificationText({ ...facts, artifactVersion: null, detail: null })).toBe("Promotion failed: payments-api / prod");
  });

  it("generic JSON carries stable fields and the link to the promotion page", () => {
    expect(genericPayload(facts)).toMatchObject({ event: "promotion.failed", occurredAt: "2026-11-25T12:00:00.000Z", url: facts.url, promotionId: "p-1" });
  });

  it("Slack gets text plus blocks, escaped, with the link in mrkdwn", () => {
    const slack = slackPayload(facts);
    expect(slack.text).toBe(notificationText(facts));
    expect(slack.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: `*Promotion failed*: payments-api / prod <${facts.url}|Open in Gantry>` } });
    expect(JSON.stringify(slack.blocks[1])).toContain("rollout &lt;timed&gt; out &amp; stopped");
  });
});

describe("body signatures", () => {
  it("is the hex HMAC-SHA256 of the exact body and rejects any change", () => {
    // printf '{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signBody('{"a":1}', "secret")).toBe("sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494");
    const header = signBody('{"a":1}', "secret");
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyBodySignature('{"a":1}', "secret", header)).toBe(true);
    expect(verifyBodySignature('{"a":2}', "secret", header)).toBe(false);
    expect(verifyBodySignature('{"a":1}', "other", header)).toBe(false);
    expect(verifyBodySignature('{"a":1}', "secret", null)).toBe(false);
  });
});
