// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubFetch } from "../../../helpers/stub-fetch";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const { DecisionForm } = await import("@/components/release/decision-form");

const ID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

function renderForm(allowed: boolean, reason: string | null) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DecisionForm promotionId={ID} allowed={allowed} reason={reason} />
    </QueryClientProvider>,
  );
}

describe("DecisionForm", () => {
  const fetchMock = stubFetch();

  it("disables both decisions and says why, next to the buttons and in their description", () => {
    const why = "You requested this promotion; approvals must come from someone else";
    renderForm(false, why);
    const approve = screen.getByRole("button", { name: "Approve" }) as HTMLButtonElement;
    const reject = screen.getByRole("button", { name: "Reject" }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    expect(reject.disabled).toBe(true);
    expect(screen.getByText(why)).toBeTruthy();
    expect(document.getElementById(approve.getAttribute("aria-describedby")!)!.textContent).toBe(why);
  });

  it("sends the decision with the trimmed comment", async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ promotion: { id: ID } }), { status: 200 }));
    renderForm(true, null);
    fireEvent.change(screen.getByLabelText("Comment"), { target: { value: " Metrics look wrong in staging " } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Reject" })));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/promotions/${ID}/approvals`);
    expect(JSON.parse(init.body)).toEqual({ decision: "reject", comment: "Metrics look wrong in staging" });
  });
});
