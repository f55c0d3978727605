// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubFetch } from "../../../helpers/stub-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh }) }));

const { ClearHoldDialog, HoldDialog } = await import("@/components/release/hold-dialogs");

const ENV = { id: "5b1f3a0e-8c2d-4e7f-9a6b-1c2d3e4f5a6b", name: "prod" };

function withClient(node: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

describe("hold dialogs", () => {
  const fetchMock = stubFetch(refresh);

  it("holds an environment with a reason, and only with one", async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ hold: { held: true } }), { status: 200 }));
    const onClose = vi.fn();
    withClient(<HoldDialog service={{ name: "Ledger" }} environment={ENV} onClose={onClose} />);
    const dialog = screen.getByRole("dialog", { name: "Hold Ledger / prod?" });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Hold prod" })));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(within(dialog).getByLabelText("Reason").getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(within(dialog).getByLabelText("Reason"), { target: { value: "Investigating latency" } });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Hold prod" })));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect([url, init.method, JSON.parse(init.body)]).toEqual([`/api/v1/environments/${ENV.id}/hold`, "POST", { reason: "Investigating latency" }]);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(refresh).toHaveBeenCalled();
  });

  it("clears a hold, showing why it was held", async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ hold: { held: false } }), { status: 200 }));
    withClient(<ClearHoldDialog service={{ name: "Ledger" }} environment={ENV} reason="Rolled back by oncall@example.com: INC-1" onClose={vi.fn()} />);
    const dialog = screen.getByRole("dialog", { name: "Clear the hold on Ledger / prod?" });
    expect(dialog.textContent).toContain("Rolled back by oncall@example.com: INC-1");
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Clear hold" })));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect([url, init.method]).toEqual([`/api/v1/environments/${ENV.id}/hold`, "DELETE"]);
  });
});
