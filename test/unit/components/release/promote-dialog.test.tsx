// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubFetch } from "../../../helpers/stub-fetch";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push, refresh: vi.fn() }) }));

const { PromoteDialog } = await import("@/components/release/promote-dialog");

const ARTIFACT = { artifactId: "0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f", version: "2.100.0", digest: `sha256:${"a".repeat(64)}` };
const TARGET = { id: "5b1f3a0e-8c2d-4e7f-9a6b-1c2d3e4f5a6b", name: "prod", requiredApprovals: 1, current: { version: "2.98.4", digest: `sha256:${"d".repeat(64)}` } };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function renderDialog() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PromoteDialog service={{ name: "Checkout Web" }} artifact={ARTIFACT} from={{ name: "staging" }} target={TARGET} onClose={vi.fn()} />
    </QueryClientProvider>,
  );
  return screen.getByRole("dialog", { name: "Promote 2.100.0 to prod" });
}

describe("PromoteDialog", () => {
  const fetchMock = stubFetch(push);

  it("shows the version moving in, what it replaces, and the approvals it will need", () => {
    const dialog = renderDialog();
    expect(within(dialog).getByTestId("from").textContent).toContain("2.98.4");
    expect(within(dialog).getByTestId("to").textContent).toContain("2.100.0");
    expect(dialog.textContent).toContain("prod needs 1 approval from someone other than you");
  });

  it("lists every blocker of a refusal, and a retry carries the same Idempotency-Key", async () => {
    fetchMock.mockResolvedValueOnce(
      json(423, {
        error: {
          code: "frozen",
          message: "Cannot promote 2.100.0 to checkout-web / prod: checkout-web / prod is frozen (Black Friday) for 2h more",
          details: { blockers: [{ code: "freeze", message: "checkout-web / prod is frozen (Black Friday) for 2h more; an admin may override with a reason" }] },
        },
      }),
    );
    fetchMock.mockResolvedValueOnce(json(201, { promotion: { id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" } }));
    const dialog = renderDialog();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: "Ready" } });

    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Promote to prod" })));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Frozen");
    expect(within(alert).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "checkout-web / prod is frozen (Black Friday) for 2h more; an admin may override with a reason",
    ]);

    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Promote to prod" })));
    await waitFor(() => expect(push).toHaveBeenCalledWith("/promotions/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));

    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [first, second] = fetchMock.mock.calls.map(([url, init]) => ({ url, init }));
    expect(first!.url).toBe("/api/v1/promotions");
    expect(JSON.parse(first!.init.body)).toEqual({ artifactId: ARTIFACT.artifactId, environmentId: TARGET.id, reason: "Ready" });
    const key = first!.init.headers["Idempotency-Key"];
    expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second!.init.headers["Idempotency-Key"]).toBe(key);
  });

  it("makes a new Idempotency-Key each time it opens", async () => {
    fetchMock.mockImplementation(async () => json(201, { promotion: { id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" } }));
    for (let i = 0; i < 2; i++) {
      const dialog = renderDialog();
      await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Promote to prod" })));
      await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(i + 1));
      cleanup();
    }
    const keys = fetchMock.mock.calls.map(([, init]) => init.headers["Idempotency-Key"]);
    expect(new Set(keys).size).toBe(2);
  });
});
