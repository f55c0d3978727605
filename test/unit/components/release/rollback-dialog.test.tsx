// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubFetch } from "../../../helpers/stub-fetch";

const push = vi.fn();
const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push, refresh }) }));

const { RollbackDialog } = await import("@/components/release/rollback-dialog");

const ENV_ID = "5b1f3a0e-8c2d-4e7f-9a6b-1c2d3e4f5a6b";
const TARGET_ID = "0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f";
const PROMOTION_ID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
const CURRENT = { version: "1.87.0", digest: `sha256:${"c".repeat(64)}` };
const TARGET = { artifactId: TARGET_ID, version: "1.86.1", digest: `sha256:${"b".repeat(64)}` };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function renderDialog(onClose = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <button>Roll back</button>
      <RollbackDialog service={{ name: "Payments API" }} environment={{ id: ENV_ID, name: "prod" }} current={CURRENT} target={TARGET} onClose={onClose} />
    </QueryClientProvider>,
  );
  return { onClose, dialog: screen.getByRole("dialog", { name: "Roll back Payments API / prod?" }) };
}

describe("RollbackDialog", () => {
  const fetchMock = stubFetch(push, refresh);

  it("shows what runs now and what the rollback returns to, by version and digest", () => {
    const { dialog } = renderDialog();
    const from = within(dialog).getByTestId("from");
    const to = within(dialog).getByTestId("to");
    expect(from.textContent).toContain("1.87.0");
    expect(from.textContent).toContain("c".repeat(12));
    expect(to.textContent).toContain("1.86.1");
    expect(to.textContent).toContain("b".repeat(12));
    expect(within(dialog).getByRole("button", { name: "Roll back to 1.86.1" })).toBeTruthy();
  });

  it("is a labelled modal with focus in the reason field, and the rest of the page inert", () => {
    const { dialog } = renderDialog();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Reason"));
    expect(screen.getByText("Roll back", { selector: "button" }).closest("[inert]")).not.toBeNull();
  });

  it("keeps Tab inside the dialog", () => {
    const { dialog } = renderDialog();
    const confirm = within(dialog).getByRole("button", { name: "Roll back to 1.86.1" });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: "Tab" });
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Close" }));
    fireEvent.keyDown(document.activeElement!, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it("closes with Escape", () => {
    const { dialog, onClose } = renderDialog();
    fireEvent.keyDown(within(dialog).getByLabelText("Reason"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("asks for a reason before sending anything", async () => {
    const { dialog } = renderDialog();
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Roll back to 1.86.1" })));
    expect(fetchMock).not.toHaveBeenCalled();
    const reason = within(dialog).getByLabelText("Reason");
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(dialog.textContent).toContain("Say why you are rolling back");
  });

  it("sends one rollback to the confirmed target however often it is clicked, stays disabled while pending, then opens the rollback", async () => {
    const answer = deferred<Response>();
    fetchMock.mockReturnValue(answer.promise);
    const { dialog, onClose } = renderDialog();
    fireEvent.change(within(dialog).getByLabelText("Reason"), { target: { value: "  INC-4821: error rate doubled  " } });
    const confirm = within(dialog).getByRole("button", { name: "Roll back to 1.86.1" }) as HTMLButtonElement;
    await act(async () => {
      fireEvent.click(confirm);
      fireEvent.click(confirm);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/environments/${ENV_ID}/rollback`);
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body)).toEqual({ reason: "INC-4821: error rate doubled", artifactId: TARGET_ID });

    // react-query publishes the pending state on a later tick: wait for it rather than race it.
    const busy = (await within(dialog).findByRole("button", { name: "Rolling back…" })) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect((within(dialog).getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(within(dialog).getByLabelText("Reason"), { key: "Escape" });
    expect(onClose).not.toHaveBeenCalled();

    await act(async () => answer.resolve(json(202, { promotion: { id: PROMOTION_ID } })));
    await waitFor(() => expect(push).toHaveBeenCalledWith(`/promotions/${PROMOTION_ID}`));
    // Still busy until the page changes: no second request in the meantime.
    expect((within(dialog).getByRole("button", { name: "Rolling back…" }) as HTMLButtonElement).disabled).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("shows the server's refusal and lets the person try again", async () => {
    fetchMock.mockResolvedValueOnce(
      json(422, {
        error: {
          code: "policy_violation",
          message: "Roll back only to an artifact that has run successfully in this environment before",
          details: { blockers: [{ code: "target", message: "the chosen artifact never ran successfully here" }] },
        },
      }),
    );
    const { dialog } = renderDialog();
    fireEvent.change(within(dialog).getByLabelText("Reason"), { target: { value: "bad release" } });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Roll back to 1.86.1" })));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("The chosen artifact never ran successfully here");
    expect((within(dialog).getByRole("button", { name: "Roll back to 1.86.1" }) as HTMLButtonElement).disabled).toBe(false);
    expect(push).not.toHaveBeenCalled();
  });
});
