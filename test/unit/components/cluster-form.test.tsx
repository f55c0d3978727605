// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubFetch } from "../../helpers/stub-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { ClusterForm } = await import("@/components/settings/clusters/cluster-form");
const { ConnectionTest } = await import("@/components/settings/clusters/connection-test");

const CLUSTER = {
  id: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
  name: "prod-eu",
  apiServerUrl: "https://k8s.example.com",
  hasCaBundle: true,
  insecureSkipTlsVerify: false,
  authKind: "BearerToken" as const,
};

function withClient(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const body = (call: unknown[]) => JSON.parse((call[1] as RequestInit).body as string);

describe("ClusterForm", () => {
  const fetchMock = stubFetch(refresh);

  it("shows the credential fields of the chosen kind and warns when TLS verification is off", () => {
    withClient(<ClusterForm onDone={() => {}} />);
    expect(screen.getByLabelText("Bearer token")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Authentication"), { target: { value: "Kubeconfig" } });
    expect(screen.queryByLabelText("Bearer token")).toBeNull();
    expect(screen.getByLabelText("Kubeconfig").tagName).toBe("TEXTAREA");
    expect(screen.getByLabelText("Context (optional)")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Authentication"), { target: { value: "ClientCertificate" } });
    expect(screen.getByLabelText("Client certificate (PEM)")).toBeTruthy();
    expect(screen.getByLabelText("Client key (PEM)")).toBeTruthy();

    expect(screen.queryByText(/Anyone who can intercept the connection/)).toBeNull();
    fireEvent.click(screen.getByLabelText("Skip TLS verification"));
    expect(screen.getByText(/Anyone who can intercept the connection/)).toBeTruthy();
  });

  it("adds a cluster once, even when submitted twice, and reports it", async () => {
    let answer: (response: Response) => void = () => {};
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    const onDone = vi.fn();
    withClient(<ClusterForm onDone={onDone} />);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "staging" } });
    fireEvent.change(screen.getByLabelText("API server URL"), { target: { value: "https://10.0.0.1:6443" } });
    fireEvent.change(screen.getByLabelText("Bearer token"), { target: { value: "tok" } });
    const submit = screen.getByRole("button", { name: "Add cluster" });
    await act(async () => {
      fireEvent.click(submit);
      fireEvent.click(submit);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/v1/clusters");
    expect(body(fetchMock.mock.calls[0]!)).toEqual({
      name: "staging",
      apiServerUrl: "https://10.0.0.1:6443",
      insecureSkipTlsVerify: false,
      credentials: { authKind: "BearerToken", token: "tok" },
    });
    expect(((await screen.findByRole("button", { name: "Saving…" })) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer(Response.json({ cluster: { id: "c1", name: "staging" } }, { status: 201 })));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ id: "c1", name: "staging" }));
  });

  it("edits without credentials when none are entered, and puts server messages next to their field", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: { code: "validation_failed", message: "Invalid request body", details: [{ path: "apiServerUrl", message: "Invalid URL" }] } }, { status: 400 }),
    );
    withClient(<ClusterForm cluster={CLUSTER} onDone={() => {}} />);
    expect((screen.getByLabelText("Bearer token") as HTMLInputElement).value).toBe("");
    expect(screen.getByText("Leave empty to keep the stored credentials.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("API server URL"), { target: { value: "https://new.example.com" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/v1/clusters/${CLUSTER.id}`);
    expect((fetchMock.mock.calls[0]![1] as RequestInit).method).toBe("PATCH");
    expect(body(fetchMock.mock.calls[0]!)).toEqual({ apiServerUrl: "https://new.example.com" });

    const url = screen.getByLabelText("API server URL");
    expect(url.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(url.getAttribute("aria-describedby")!)!.textContent).toBe("Invalid URL");
  });

  it("asks for credentials when the kind changes, without calling the API", async () => {
    withClient(<ClusterForm cluster={CLUSTER} onDone={() => {}} />);
    fireEvent.change(screen.getByLabelText("Authentication"), { target: { value: "Kubeconfig" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save changes" })));
    expect(fetchMock).not.toHaveBeenCalled();
    const kubeconfig = screen.getByLabelText("Kubeconfig");
    expect(kubeconfig.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(kubeconfig.getAttribute("aria-describedby")!.split(" ").pop()!)!.textContent).toMatch(/needs new credentials/);
  });
});

describe("ConnectionTest", () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("tests the namespace given and shows version, latency and the permission checklist", async () => {
    fetchMock.mockResolvedValue(
      Response.json({
        report: {
          ok: false,
          checkedAt: "2026-01-01T00:00:00.000Z",
          latencyMs: 23,
          server: { gitVersion: "v1.31.2" },
          namespace: "shop",
          permissions: { get: true, list: true, watch: true, patch: false },
          problems: ['the credentials may not patch deployments.apps in namespace "shop"'],
        },
      }),
    );
    withClient(<ConnectionTest clusterId={CLUSTER.id} clusterName="prod-eu" defaultNamespace="shop" />);
    expect((screen.getByLabelText("Namespace to check") as HTMLInputElement).value).toBe("shop");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Test connection" })));
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/v1/clusters/${CLUSTER.id}/test`);
    expect(body(fetchMock.mock.calls[0]!)).toEqual({ namespace: "shop" });

    const result = await screen.findByRole("region", { name: "Connection test result for prod-eu" });
    expect(result.textContent).toContain("Connected, but the credentials may not patch Deployments in “shop”");
    expect(result.textContent).toContain("v1.31.2");
    expect(result.textContent).toContain("23 ms");
    const checklist = within(result).getByRole("list", { name: "Permissions" });
    expect(within(checklist).getAllByRole("listitem").map((li) => li.textContent?.split(" — ")[0])).toEqual([
      "get allowed",
      "list allowed",
      "watch allowed",
      "patch denied",
    ]);
  });

  it("without a namespace only proves the connection; a failure is explained in plain words", async () => {
    fetchMock.mockResolvedValue(
      Response.json({
        report: {
          ok: false,
          checkedAt: "2026-01-01T00:00:00.000Z",
          problems: ['cluster "prod-eu" rejected the credentials (401 Unauthorized): the token or client certificate is missing, invalid or expired'],
          error: { kind: "unauthorized", message: "…" },
        },
      }),
    );
    withClient(<ConnectionTest clusterId={CLUSTER.id} clusterName="prod-eu" />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Test connection" })));
    expect(body(fetchMock.mock.calls[0]!)).toEqual({});
    const result = await screen.findByRole("region", { name: "Connection test result for prod-eu" });
    expect(result.textContent).toContain("The cluster rejected the credentials");
    expect(result.textContent).toContain("Edit the cluster and enter new credentials");
    expect(within(result).getByRole("list", { name: "Problems" }).textContent).toContain("401 Unauthorized");
  });
});
