// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubFetch } from "../../helpers/stub-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { CreateTokenForm } = await import("@/components/settings/create-token-form");

const SERVICES = [
  { id: "8d7c1a52-2f0e-4c36-9a0d-0d5c4b1c3a11", slug: "payments-api" },
  { id: "0b6f3c1e-7a2d-4e6b-8f1c-2d3e4f5a6b7c", slug: "ledger" },
];

function renderForm(heldScopes: Parameters<typeof CreateTokenForm>[0]["heldScopes"] = ["service:read", "audit:read", "promotion:request"]) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <CreateTokenForm heldScopes={heldScopes} services={SERVICES} />
    </QueryClientProvider>,
  );
}

describe("CreateTokenForm", () => {
  const fetchMock = stubFetch(refresh);

  it("offers exactly the scopes the person holds", () => {
    renderForm(["service:read", "audit:read"]);
    const boxes = screen.getAllByRole("checkbox").map((box) => box.closest("label")!.textContent);
    expect(boxes).toEqual(["service:read", "audit:read", "payments-api", "ledger"]);
  });

  it("asks for a scope before calling the API", async () => {
    renderForm();
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "ci" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create token" })));
    expect(screen.getByRole("alert").textContent).toBe("Pick at least one scope.");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("creates the token once, shows the plaintext once, and refreshes the list", async () => {
    let answer: (response: Response) => void = () => {};
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    renderForm();
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "deploy-bot" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "promotion:request" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "ledger" }));
    fireEvent.change(screen.getByLabelText("Expires in (days)"), { target: { value: "30" } });
    const submit = screen.getByRole("button", { name: "Create token" });
    await act(async () => {
      fireEvent.click(submit);
      fireEvent.click(submit);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/v1/tokens");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body)).toEqual({ name: "deploy-bot", scopes: ["promotion:request"], serviceIds: [SERVICES[1]!.id], expiresInDays: 30 });
    expect(((await screen.findByRole("button", { name: "Creating…" })) as HTMLButtonElement).disabled).toBe(true);

    await act(async () => answer(Response.json({ token: "gty_secret-value-123", apiToken: { name: "deploy-bot" } }, { status: 201 })));
    const field = await screen.findByLabelText("New API token");
    expect((field as HTMLInputElement).value).toBe("gty_secret-value-123");
    expect(screen.getByText(/You won't see it again/)).toBeTruthy();
    await waitFor(() => expect(refresh).toHaveBeenCalled());
    // The form is cleared for the next token.
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("");

    fireEvent.click(screen.getByRole("button", { name: "I have copied it" }));
    expect(screen.queryByLabelText("New API token")).toBeNull();
    expect(screen.queryByText(/gty_secret-value-123/)).toBeNull();
  });

  it("shows the API's refusal next to the form", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: { code: "forbidden", message: "A token cannot have permissions you do not hold: user:manage" } }, { status: 403 }),
    );
    renderForm();
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "x" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "service:read" }));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create token" })));
    expect((await screen.findByRole("alert")).textContent).toBe("A token cannot have permissions you do not hold: user:manage");
    expect(screen.queryByLabelText("New API token")).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("tells someone without roles that a token would be useless", () => {
    renderForm([]);
    expect(screen.queryByRole("button", { name: "Create token" })).toBeNull();
    expect(screen.getByText(/You hold no roles yet/)).toBeTruthy();
  });
});
