import { describe, expect, it } from "vitest";
import {
  buildCreateRequest,
  buildUpdateRequest,
  clusterFieldOf,
  EMPTY_CLUSTER_FORM,
  formFromCluster,
  type ClusterFormState,
  type StoredCluster,
} from "@/components/settings/clusters/cluster-request";
import { asConnectionReport, summarizeReport } from "@/components/settings/clusters/connection-report";
import type { ConnectionReport } from "@/lib/clusters/test-connection";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";

const form = (overrides: Partial<ClusterFormState>): ClusterFormState => ({ ...EMPTY_CLUSTER_FORM, name: "prod-eu", apiServerUrl: "https://k8s.example.com", ...overrides });

describe("buildCreateRequest", () => {
  it("sends the credentials of the chosen kind only", () => {
    const request = buildCreateRequest(form({ authKind: "BearerToken", token: "  abc  ", clientCertificate: CERT, kubeconfig: "left over" }));
    expect(request).toEqual({
      ok: true,
      body: { name: "prod-eu", apiServerUrl: "https://k8s.example.com", insecureSkipTlsVerify: false, credentials: { authKind: "BearerToken", token: "abc" } },
    });
  });

  it("asks for the missing credential field by kind", () => {
    expect(buildCreateRequest(form({ authKind: "BearerToken" }))).toMatchObject({ ok: false, field: "token" });
    expect(buildCreateRequest(form({ authKind: "Kubeconfig" }))).toMatchObject({ ok: false, field: "kubeconfig" });
    expect(buildCreateRequest(form({ authKind: "ClientCertificate", clientCertificate: CERT }))).toMatchObject({ ok: false, field: "clientKey" });
    expect(buildCreateRequest(form({ authKind: "ClientCertificate", clientKey: KEY }))).toMatchObject({ ok: false, field: "clientCertificate" });
  });

  it("needs no credentials for the in-cluster service account, and passes a kubeconfig context along", () => {
    expect(buildCreateRequest(form({ authKind: "InCluster" }))).toMatchObject({ ok: true, body: { credentials: { authKind: "InCluster" } } });
    expect(buildCreateRequest(form({ authKind: "Kubeconfig", kubeconfig: "apiVersion: v1", context: " east " }))).toMatchObject({
      ok: true,
      body: { credentials: { authKind: "Kubeconfig", kubeconfig: "apiVersion: v1", context: "east" } },
    });
  });

  it("includes a CA bundle only when one was pasted", () => {
    expect(buildCreateRequest(form({ token: "t", caBundle: `  ${CERT}\n` }))).toMatchObject({ ok: true, body: { caBundle: CERT } });
    expect((buildCreateRequest(form({ token: "t" })) as { body: object }).body).not.toHaveProperty("caBundle");
  });
});

describe("buildUpdateRequest", () => {
  const stored: StoredCluster = { name: "prod-eu", apiServerUrl: "https://k8s.example.com", hasCaBundle: true, insecureSkipTlsVerify: false, authKind: "BearerToken" };

  it("starts from the stored cluster without any secret and reports an unchanged form", () => {
    const initial = formFromCluster(stored);
    expect(initial).toMatchObject({ name: "prod-eu", authKind: "BearerToken", token: "", caBundle: "" });
    expect(buildUpdateRequest(initial, stored)).toEqual({ ok: false, field: null, message: "Nothing changed." });
  });

  it("keeps the stored credentials when the credential fields stay empty", () => {
    const request = buildUpdateRequest({ ...formFromCluster(stored), apiServerUrl: "https://k8s2.example.com" }, stored);
    expect(request).toEqual({ ok: true, body: { apiServerUrl: "https://k8s2.example.com" } });
  });

  it("replaces the credentials when new ones are entered", () => {
    expect(buildUpdateRequest({ ...formFromCluster(stored), token: "new-token" }, stored)).toEqual({
      ok: true,
      body: { credentials: { authKind: "BearerToken", token: "new-token" } },
    });
  });

  it("requires new credentials when the auth kind changes, except to in-cluster", () => {
    expect(buildUpdateRequest({ ...formFromCluster(stored), authKind: "Kubeconfig" }, stored)).toMatchObject({
      ok: false,
      field: "kubeconfig",
      message: expect.stringMatching(/^Switching to kubeconfig needs new credentials/),
    });
    expect(buildUpdateRequest({ ...formFromCluster(stored), authKind: "InCluster" }, stored)).toEqual({ ok: true, body: { credentials: { authKind: "InCluster" } } });
    const inCluster = { ...stored, authKind: "InCluster" as const };
    expect(buildUpdateRequest({ ...formFromCluster(inCluster), insecureSkipTlsVerify: true }, inCluster)).toEqual({ ok: true, body: { insecureSkipTlsVerify: true } });
  });

  it("removes the CA bundle only when asked, and a pasted one wins over the removal", () => {
    expect(buildUpdateRequest({ ...formFromCluster(stored), removeCaBundle: true }, stored)).toEqual({ ok: true, body: { caBundle: "" } });
    expect(buildUpdateRequest({ ...formFromCluster(stored), removeCaBundle: true, caBundle: CERT }, stored)).toEqual({ ok: true, body: { caBundle: CERT } });
  });

  it("refuses a kubeconfig context without the kubeconfig it belongs to", () => {
    const kube = { ...stored, authKind: "Kubeconfig" as const };
    expect(buildUpdateRequest({ ...formFromCluster(kube), context: "west" }, kube)).toMatchObject({ ok: false, field: "kubeconfig" });
  });
});

describe("clusterFieldOf", () => {
  it("maps the API's validation paths to the form's fields", () => {
    expect(clusterFieldOf("apiServerUrl")).toBe("apiServerUrl");
    expect(clusterFieldOf("credentials.token")).toBe("token");
    expect(clusterFieldOf("credentials.clientKey")).toBe("clientKey");
    expect(clusterFieldOf("credentials")).toBe("authKind");
    expect(clusterFieldOf("something.else")).toBeNull();
  });
});

describe("summarizeReport", () => {
  const base: ConnectionReport = { ok: true, checkedAt: "2026-01-01T00:00:00.000Z", latencyMs: 12, server: { gitVersion: "v1.31.0" }, problems: [] };

  it("says what was proven: credentials only, or the namespace's permissions", () => {
    expect(summarizeReport(base)).toMatchObject({ tone: "success", title: "Connected: the credentials are accepted" });
    const full = { ...base, namespace: "shop", permissions: { get: true, list: true, watch: true, patch: true } };
    expect(summarizeReport(full)).toEqual({ tone: "success", title: "Connected: Gantry may deploy to namespace “shop”" });
  });

  it("names the missing verbs and the Role to grant", () => {
    const partial = { ...base, ok: false, namespace: "shop", permissions: { get: true, list: false, watch: false, patch: false }, problems: ["…"] };
    expect(summarizeReport(partial)).toEqual({
      tone: "warning",
      title: "Connected, but the credentials may not list, watch or patch Deployments in “shop”",
      hint: "Bind the identity to a Role that allows get, list, watch and patch on deployments.apps in namespace “shop”.",
    });
  });

  it("explains each failure kind in plain words", () => {
    const failure = (kind: string) => summarizeReport({ ok: false, checkedAt: base.checkedAt, problems: ["x"], error: { kind: kind as never, message: "x" } });
    expect(failure("unreachable")).toMatchObject({ tone: "danger", title: "Gantry cannot reach the API server", hint: expect.stringMatching(/firewall/) });
    expect(failure("tls")).toMatchObject({ title: "The API server's TLS certificate could not be verified", hint: expect.stringMatching(/CA bundle/) });
    expect(failure("unauthorized")).toMatchObject({ title: "The cluster rejected the credentials" });
    expect(failure("aborted")).toEqual({ tone: "danger", title: "The connection test failed" });
  });
});

describe("asConnectionReport", () => {
  it("accepts a stored report and ignores anything else", () => {
    const report = { ok: false, checkedAt: "2026-01-01T00:00:00.000Z", problems: ["down"] };
    expect(asConnectionReport(report)).toBe(report);
    expect(asConnectionReport(null)).toBeNull();
    expect(asConnectionReport({ ok: "yes", checkedAt: "x", problems: [] })).toBeNull();
    expect(asConnectionReport({ ok: true, checkedAt: "x" })).toBeNull();
  });
});
