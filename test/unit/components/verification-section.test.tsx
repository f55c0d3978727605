// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { EnvironmentSettingsFields } from "@/components/settings/environments/environment-form-model";
import { stubFetch } from "../../helpers/stub-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { VerificationSection } = await import("@/components/settings/environments/verification-section");

const ENV_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const ENV: EnvironmentSettingsFields = {
  clusterIds: [],
  namespace: "shop-prod",
  workloadKind: "Deployment",
  workloadName: "shop",
  containerName: "app",
  requiredApprovals: 1,
  requireUpstreamSuccess: true,
  minSoakMinutes: 0,
  autoRollback: true,
  isProduction: true,
  prometheusUrl: "https://prom.example.com",
  hasPrometheusToken: true,
  verificationMinutes: 10,
  noDataPolicy: "Inconclusive",
};

function renderSection(environment = ENV, serverDefaultUrl: string | null = "http://prometheus:9090") {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <VerificationSection environmentId={ENV_ID} environment={environment} serverDefaultUrl={serverDefaultUrl} />
    </QueryClientProvider>,
  );
}

const sent = (fetchMock: ReturnType<typeof vi.fn>) => JSON.parse((fetchMock.mock.calls[0]![1] as RequestInit).body as string);

describe("VerificationSection", () => {
  const fetchMock = stubFetch();

  it("sends a new token once and empties the field after saving", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { ...ENV, id: ENV_ID } }));
    renderSection();
    const token = screen.getByLabelText("Bearer token (optional)") as HTMLInputElement;
    expect(token.type).toBe("password");
    expect(token.value).toBe("");
    expect(screen.getByText(/A token is stored/)).toBeTruthy();
    fireEvent.change(token, { target: { value: "new-secret" } });
    // Removing and replacing at once makes no sense: the removal is disabled while a new token is typed.
    expect((screen.getByLabelText("Remove the stored token") as HTMLInputElement).disabled).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save verification" })));
    expect(sent(fetchMock)).toEqual({ prometheusToken: "new-secret" });
    await waitFor(() => expect((screen.getByLabelText("Bearer token (optional)") as HTMLInputElement).value).toBe(""));
    expect(screen.getByRole("status").textContent).toBe("Saved.");
  });

  it("going back to the server default sends a null URL and says the token goes with it", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { ...ENV, id: ENV_ID, prometheusUrl: null, hasPrometheusToken: false } }));
    renderSection();
    fireEvent.click(screen.getByLabelText(/Use the server default/));
    expect(screen.queryByLabelText("Prometheus URL")).toBeNull();
    expect(screen.getByText(/Saving removes this environment's stored token/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save verification" })));
    expect(sent(fetchMock)).toEqual({ prometheusUrl: null });
  });

  it("warns that verification is off when neither the environment nor the server names a Prometheus", () => {
    renderSection({ ...ENV, prometheusUrl: null, hasPrometheusToken: false }, null);
    expect(screen.getByText(/Verification is off for this environment/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/This environment's own Prometheus/));
    expect(screen.queryByText(/Verification is off for this environment/)).toBeNull();
  });
});
