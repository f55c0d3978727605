// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { EnvironmentSettingsFields } from "@/components/settings/environments/environment-form-model";
import { stubFetch } from "../../helpers/stub-fetch";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const { TargetSection } = await import("@/components/settings/environments/target-section");

const ENV_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const EAST = { id: "6f1c2b8e-0c55-4b8f-9b7e-2a1d3c4e5f60", name: "sandbox-east" };
const WEST = { id: "0b7d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f", name: "sandbox-west" };
const ENV: EnvironmentSettingsFields = {
  clusterIds: [EAST.id],
  namespace: "shop-prod",
  workloadKind: "Deployment",
  workloadName: "shop",
  containerName: "app",
  requiredApprovals: 1,
  requireUpstreamSuccess: true,
  minSoakMinutes: 0,
  autoRollback: true,
  isProduction: true,
  prometheusUrl: null,
  hasPrometheusToken: false,
  verificationMinutes: 10,
  noDataPolicy: "Inconclusive",
};

function renderSection(environment = ENV, clusters = [EAST, WEST]) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TargetSection environmentId={ENV_ID} environment={environment} clusters={clusters} canManageClusters />
    </QueryClientProvider>,
  );
}

describe("TargetSection: clusters", () => {
  const fetchMock = stubFetch();

  it("offers every cluster as a labelled checkbox in a group named Clusters, and sends the chosen set", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { ...ENV, id: ENV_ID, clusterIds: [EAST.id, WEST.id] } }));
    renderSection();
    const group = screen.getByRole("group", { name: "Clusters" });
    const east = within(group).getByRole("checkbox", { name: "sandbox-east" }) as HTMLInputElement;
    const west = within(group).getByRole("checkbox", { name: "sandbox-west" }) as HTMLInputElement;
    expect([east.checked, west.checked]).toEqual([true, false]);
    expect(group.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText(/Choose more than one/)).toBeTruthy();

    fireEvent.click(west);
    expect(screen.getByText(/rolls out on all 2 clusters/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save target" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0]! as [string, RequestInit];
    expect(url).toBe(`/api/v1/environments/${ENV_ID}`);
    expect(JSON.parse(init.body as string)).toEqual({ clusterIds: [EAST.id, WEST.id] });
  });

  it("unbinding every cluster says deploys are refused, and is sent as an empty set", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { ...ENV, id: ENV_ID, clusterIds: [] } }));
    renderSection();
    fireEvent.click(screen.getByRole("checkbox", { name: "sandbox-east" }));
    expect(screen.getByText(/Not bound: deploys are refused/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save target" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(JSON.parse((fetchMock.mock.calls[0]![1] as RequestInit).body as string)).toEqual({ clusterIds: [] });
  });

  it("shows the server's message for the set at the group", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: { code: "validation_failed", message: "Invalid request body", details: [{ path: "clusterIds", message: "a cluster is listed twice" }] } }, { status: 400 }),
    );
    renderSection();
    fireEvent.click(screen.getByRole("checkbox", { name: "sandbox-west" }));
    fireEvent.click(screen.getByRole("button", { name: "Save target" }));
    const message = await screen.findByText("a cluster is listed twice");
    const group = screen.getByRole("group", { name: "Clusters" });
    expect(group.getAttribute("aria-invalid")).toBe("true");
    expect(group.getAttribute("aria-describedby")).toContain(message.id);
  });
});
