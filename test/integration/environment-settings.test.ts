import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, isEncryptedSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { getEnvironmentSettings, listManageableEnvironments } from "@/lib/domain/environments/list-manageable-environments";
import { prometheusTokenContext } from "@/lib/domain/environments/update-environment";
import { metricsProviderFor, templateFor } from "@/lib/domain/promotions/verify-promotion";
import { loadUserActor } from "@/lib/auth/load-actor";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { isMetricsProviderError } from "@/lib/metrics/providers/metrics-provider";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { signingKeyPair } from "../helpers/cosign";
import { createTeamWithService, createUserWith } from "../helpers/identity-fixture";

/**
 * PATCH /api/v1/environments/[id] for the verification settings: the analysis template is
 * validated with the same schema the judge uses, the Prometheus token is write-only and encrypted,
 * and the audit trail records the change without the secret.
 */
let server: ApiServer;
let prometheus: { url: string; authorizations: (string | undefined)[]; close(): Promise<void> };

/** A stand-in Prometheus that records the Authorization header of each query and answers one sample. */
async function startRecordingPrometheus() {
  const authorizations: (string | undefined)[] = [];
  const srv = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1_700_000_000, "1"] }] } }));
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
  };
}

beforeAll(async () => {
  server = await startApiServer();
  prometheus = await startRecordingPrometheus();
});
afterAll(async () => {
  await server.close();
  await prometheus.close();
});

async function fixture() {
  const db = getDb();
  const alpha = await createTeamWithService(db, "envset");
  const admin = await createUserWith(db, "envset-admin", [{ role: "admin", scopeTeamId: alpha.team.id }]);
  return { ...alpha, admin };
}

async function patch(caller: { cookie: string }, environmentId: string, body: unknown) {
  const response = await fetch(`${server.baseUrl}/api/v1/environments/${environmentId}`, {
    method: "PATCH",
    headers: { cookie: caller.cookie, origin: server.baseUrl, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, text, body: JSON.parse(text) as Record<string, any> };
}

const metric = (overrides: Record<string, unknown> = {}) => ({
  name: "errors",
  query: 'sum(rate(http_requests_total{service="{{service}}",code=~"5.."}[1m]))',
  direction: "HigherIsWorse",
  tolerance: 0.2,
  critical: true,
  minSamples: 8,
  noData: "Inherit",
  ...overrides,
});

describe("PATCH /api/v1/environments/[id]: analysis template", () => {
  it("rejects an invalid template with 400 and a detail per offending field, leaving the environment unchanged", async () => {
    const f = await fixture();
    const response = await patch(f.admin, f.prod.id, {
      verificationTemplate: {
        metrics: [metric({ query: "rate(x{pod=~\"{{pod}}\"}[1m])" }), metric({ name: "errors", tolerance: -1 }), metric({ name: "latency", minSamples: 2 })],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    const details = response.body.error.details as { path: string; message: string }[];
    const byPath = Object.fromEntries(details.map((d) => [d.path, d.message]));
    expect(byPath["verificationTemplate.metrics.0.query"]).toMatch(/Unknown placeholder \{\{pod\}\}/);
    expect(Object.keys(byPath)).toEqual(expect.arrayContaining(["verificationTemplate.metrics.1.tolerance", "verificationTemplate.metrics.2.minSamples"]));
    expect((await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } })).verificationTemplate).toBeNull();
  });

  it("reports duplicate metric names at the second one's name", async () => {
    const f = await fixture();
    const response = await patch(f.admin, f.prod.id, { verificationTemplate: { metrics: [metric(), metric()] } });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toContainEqual({ path: "verificationTemplate.metrics.1.name", message: 'Duplicate metric name "errors"' });
  });

  it("stores a valid template with its defaults filled in, and null resets to the default template", async () => {
    const f = await fixture();
    const saved = await patch(f.admin, f.prod.id, { verificationTemplate: { metrics: [metric({ unit: "ratio" })] }, verificationMinutes: 7, noDataPolicy: "Fail" });
    expect(saved.status).toBe(200);
    expect(saved.body.environment).toMatchObject({ verificationMinutes: 7, noDataPolicy: "Fail", verificationTemplate: { version: 1, stepSeconds: 15, metrics: [{ name: "errors", unit: "ratio" }] } });
    let row = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    expect(templateFor(row).metrics.map((m) => m.name)).toEqual(["errors"]);

    const reset = await patch(f.admin, f.prod.id, { verificationTemplate: null });
    expect(reset.status).toBe(200);
    expect(reset.body.environment.verificationTemplate).toBeNull();
    row = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    expect(row.verificationTemplate).toBeNull();
    expect(templateFor(row)).toEqual(DEFAULT_ANALYSIS_TEMPLATE);
  });

  it("refuses Argo Rollouts until lib/clusters can deploy them", async () => {
    const f = await fixture();
    const response = await patch(f.admin, f.dev.id, { workloadKind: "ArgoRollout" });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: "workloadKind", message: expect.stringMatching(/not supported yet/) }]);
  });
});

describe("PATCH /api/v1/environments/[id]: Prometheus token", () => {
  const TOKEN = "prom-secret-7f3a9c2e5b1d";

  it("stores the token encrypted, bound to the environment, and never returns it", async () => {
    const f = await fixture();
    const response = await patch(f.admin, f.prod.id, { prometheusUrl: prometheus.url, prometheusToken: TOKEN });
    expect(response.status).toBe(200);
    expect(response.body.environment).toMatchObject({ prometheusUrl: prometheus.url, hasPrometheusToken: true });
    expect(response.body.environment).not.toHaveProperty("prometheusToken");
    expect(response.text).not.toContain(TOKEN);

    const row = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    expect(row.prometheusToken).not.toContain(TOKEN);
    expect(isEncryptedSecret(row.prometheusToken!)).toBe(true);
    expect(decryptSecret(row.prometheusToken!, { context: prometheusTokenContext(f.prod.id) })).toBe(TOKEN);

    const settings = await getEnvironmentSettings({ actor: (await loadUserActor(getDb(), f.admin.id))! }, f.prod.id);
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
    expect(settings.environment.hasPrometheusToken).toBe(true);
  });

  it("audits the change without the token", async () => {
    const f = await fixture();
    expect((await patch(f.admin, f.prod.id, { prometheusUrl: prometheus.url, prometheusToken: TOKEN })).status).toBe(200);
    const events = await getDb().auditEvent.findMany({ where: { targetId: f.prod.id, action: "environment.update" } });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.before).toEqual({ prometheusUrl: null, prometheusToken: "not set" });
    expect(event.after).toEqual({ prometheusUrl: prometheus.url, prometheusToken: "set (new value)" });
    const row = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    const recorded = JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain(row.prometheusToken!);
  });

  it("verification sends the decrypted token to the environment's Prometheus", async () => {
    const f = await fixture();
    expect((await patch(f.admin, f.prod.id, { prometheusUrl: prometheus.url, prometheusToken: TOKEN })).status).toBe(200);
    const row = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    const before = prometheus.authorizations.length;
    await metricsProviderFor(row)!.query("up", new Date());
    expect(prometheus.authorizations.slice(before)).toEqual([`Bearer ${TOKEN}`]);
  });

  it("a token copied onto another environment does not decrypt there: verification reports it instead of querying", async () => {
    const f = await fixture();
    expect((await patch(f.admin, f.prod.id, { prometheusUrl: prometheus.url, prometheusToken: TOKEN })).status).toBe(200);
    const prod = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    const copied = await getDb().environment.update({ where: { id: f.dev.id }, data: { prometheusUrl: prometheus.url, prometheusToken: prod.prometheusToken } });
    const before = prometheus.authorizations.length;
    const error = await metricsProviderFor(copied)!
      .query("up", new Date())
      .catch((e: unknown) => e);
    expect(isMetricsProviderError(error, "unauthorized")).toBe(true);
    expect((error as Error).message).toMatch(/cannot be decrypted/);
    expect(prometheus.authorizations.length).toBe(before);
  });

  it("going back to the server default forgets the token; a token without a URL of its own is refused", async () => {
    const f = await fixture();
    expect((await patch(f.admin, f.prod.id, { prometheusUrl: prometheus.url, prometheusToken: TOKEN })).status).toBe(200);
    const back = await patch(f.admin, f.prod.id, { prometheusUrl: null });
    expect(back.status).toBe(200);
    expect(back.body.environment).toMatchObject({ prometheusUrl: null, hasPrometheusToken: false });
    expect((await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } })).prometheusToken).toBeNull();

    const orphan = await patch(f.admin, f.prod.id, { prometheusToken: TOKEN });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.details[0].path).toBe("prometheusToken");
  });

  it("null removes the token and keeps the URL", async () => {
    const f = await fixture();
    expect((await patch(f.admin, f.prod.id, { prometheusUrl: prometheus.url, prometheusToken: TOKEN })).status).toBe(200);
    const cleared = await patch(f.admin, f.prod.id, { prometheusToken: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.environment).toMatchObject({ prometheusUrl: prometheus.url, hasPrometheusToken: false });
    const row = await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } });
    const before = prometheus.authorizations.length;
    await metricsProviderFor(row)!.query("up", new Date());
    expect(prometheus.authorizations.slice(before)).toEqual([undefined]);
  });
});

describe("listManageableEnvironments", () => {
  it("lists only the environments the caller may manage, grouped by service, without secrets", async () => {
    const db = getDb();
    const alpha = await createTeamWithService(db, "mine");
    const beta = await createTeamWithService(db, "theirs");
    await db.environment.update({ where: { id: alpha.prod.id }, data: { prometheusUrl: prometheus.url, prometheusToken: "stored-secret-value" } });
    const teamAdmin = await createUserWith(db, "team-admin", [{ role: "admin", scopeTeamId: alpha.team.id }]);
    const envAdmin = await createUserWith(db, "env-admin", [{ role: "admin", scopeEnvironmentId: beta.prod.id }, { role: "viewer" }]);
    const viewer = await createUserWith(db, "viewer", [{ role: "viewer" }]);
    const actor = async (id: string) => ({ actor: (await loadUserActor(db, id))! });

    const mine = await listManageableEnvironments(await actor(teamAdmin.id));
    expect(mine.services.map((s) => s.slug)).toEqual([alpha.service.slug]);
    expect(mine.services[0]!.environments.map((e) => e.name)).toEqual(["dev", "prod"]);
    expect(mine.services[0]!.environments[1]).toMatchObject({ hasPrometheusToken: true, prometheusUrl: prometheus.url });
    expect(JSON.stringify(mine)).not.toContain("stored-secret-value");

    // An environment-scoped admin sees the whole service (as a viewer would) but manages one stage.
    const one = await listManageableEnvironments(await actor(envAdmin.id));
    expect(one.services.map((s) => [s.slug, s.environments.map((e) => e.name)])).toEqual([[beta.service.slug, ["prod"]]]);
    expect(one.clusters.length).toBe(await db.cluster.count());

    const none = await listManageableEnvironments(await actor(viewer.id));
    expect(none).toMatchObject({ services: [], clusters: [] });
  });
});

describe("PATCH /api/v1/environments/[id]: signature policy", () => {
  const audits = (environmentId: string) => getDb().auditEvent.findMany({ where: { targetId: environmentId, action: "environment.update" }, orderBy: { id: "asc" } });

  it("saves trusted public keys and the requirement, returns them, and audits before and after", async () => {
    const f = await fixture();
    const [first, second] = [signingKeyPair(), signingKeyPair()];
    const saved = await patch(f.admin, f.prod.id, { signingPublicKeys: [`\n${first.publicKeyPem}\n`, second.publicKeyPem], requireSignature: true });
    expect(saved.status, saved.text).toBe(200);
    const keys = [first.publicKeyPem.trim(), second.publicKeyPem.trim()];
    expect(saved.body.environment).toMatchObject({ requireSignature: true, signingPublicKeys: keys });
    expect(await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } })).toMatchObject({ requireSignature: true, signingPublicKeys: keys });
    const events = await audits(f.prod.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toEqual({ signingPublicKeys: [], requireSignature: false });
    expect(events[0]!.after).toEqual({ signingPublicKeys: keys, requireSignature: true });

    const settings = await getEnvironmentSettings({ actor: (await loadUserActor(getDb(), f.admin.id))! }, f.prod.id);
    expect(settings.environment).toMatchObject({ requireSignature: true, signingPublicKeys: keys });
  });

  it("refuses a malformed key and a key that is not ECDSA P-256, at that key's index, changing nothing", async () => {
    const f = await fixture();
    const good = signingKeyPair().publicKeyPem;
    const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const response = await patch(f.admin, f.prod.id, { signingPublicKeys: [good, "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----", p384, rsa], requireSignature: true });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.details).toEqual([
      { path: "signingPublicKeys.1", message: "not a PEM public key" },
      { path: "signingPublicKeys.2", message: "must be an ECDSA P-256 public key" },
      { path: "signingPublicKeys.3", message: "must be an ECDSA P-256 public key" },
    ]);
    expect(await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } })).toMatchObject({ requireSignature: false, signingPublicKeys: [] });
    expect(await audits(f.prod.id)).toEqual([]);
  });

  it("refuses a requirement no artifact could meet: required with no key, or the last key removed while required", async () => {
    const f = await fixture();
    const none = await patch(f.admin, f.prod.id, { requireSignature: true });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual([{ path: "requireSignature", message: expect.stringMatching(/add a trusted public key first/) }]);
    const emptyList = await patch(f.admin, f.prod.id, { requireSignature: true, signingPublicKeys: [] });
    expect(emptyList.status).toBe(400);
    expect(emptyList.body.error.details[0].path).toBe("signingPublicKeys");
    expect((await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } })).requireSignature).toBe(false);

    const key = signingKeyPair().publicKeyPem;
    expect((await patch(f.admin, f.prod.id, { requireSignature: true, signingPublicKeys: [key] })).status).toBe(200);
    const removeLast = await patch(f.admin, f.prod.id, { signingPublicKeys: [] });
    expect(removeLast.status).toBe(400);
    expect(removeLast.body.error.details).toEqual([{ path: "signingPublicKeys", message: expect.stringMatching(/keep at least one trusted public key/) }]);
    expect((await getDb().environment.findUniqueOrThrow({ where: { id: f.prod.id } })).signingPublicKeys).toEqual([key.trim()]);

    // Turning the requirement off first, then removing the keys, is fine.
    const off = await patch(f.admin, f.prod.id, { requireSignature: false, signingPublicKeys: [] });
    expect(off.status, off.text).toBe(200);
    expect(off.body.environment).toMatchObject({ requireSignature: false, signingPublicKeys: [] });
  });

  it("refuses the same key listed twice", async () => {
    const f = await fixture();
    const key = signingKeyPair().publicKeyPem;
    const response = await patch(f.admin, f.prod.id, { signingPublicKeys: [key, key.replace(/\n/g, "\r\n")] });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: "signingPublicKeys.1", message: "this key is already in the list" }]);
  });
});
