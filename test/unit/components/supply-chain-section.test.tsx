// @vitest-environment jsdom
import { generateKeyPairSync } from "node:crypto";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SupplyChainFields } from "@/components/settings/environments/supply-chain-form";
import { stubFetch } from "../../helpers/stub-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { SupplyChainSection } = await import("@/components/settings/environments/supply-chain-section");

const ENV_ID = "3f0d8a4e-5a9b-4c1f-8f59-1b2c3d4e5f60";
const pem = () => generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString().trim();
const [KEY_A, KEY_B] = [pem(), pem()];

function renderSection(environment: SupplyChainFields) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SupplyChainSection environmentId={ENV_ID} environment={environment} label="shop / prod" />
    </QueryClientProvider>,
  );
}

const keyBoxes = () => within(screen.getByRole("list", { name: "Trusted public keys" })).queryAllByRole("textbox") as HTMLTextAreaElement[];
const describedText = (element: HTMLElement) => document.getElementById(element.getAttribute("aria-describedby") ?? "")?.textContent;
const sentBody = (call: unknown[]) => JSON.parse((call[1] as RequestInit).body as string);
const save = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Save supply chain" })));

describe("SupplyChainSection", () => {
  const fetchMock = stubFetch(refresh);

  it("shows the stored requirement and keys, and sends only what changed", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { id: ENV_ID, requireSignature: true, signingPublicKeys: [KEY_A, KEY_B] } }));
    renderSection({ requireSignature: false, signingPublicKeys: [KEY_A] });
    expect(screen.getByLabelText<HTMLInputElement>("Require a trusted signature").checked).toBe(false);
    expect(keyBoxes().map((box) => box.value)).toEqual([KEY_A]);

    fireEvent.click(screen.getByRole("button", { name: "Add key" }));
    fireEvent.change(screen.getByLabelText("Key 2"), { target: { value: `\n${KEY_B}\n` } });
    fireEvent.click(screen.getByLabelText("Require a trusted signature"));
    await save();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/environments/${ENV_ID}`);
    expect((init as RequestInit).method).toBe("PATCH");
    expect(sentBody(fetchMock.mock.calls[0]!)).toEqual({ signingPublicKeys: [KEY_A, KEY_B], requireSignature: true });
    expect(await screen.findByText("Saved.")).toBeTruthy();
    expect(refresh).toHaveBeenCalled();
  });

  it("refuses locally to require a signature with no keys, or to save an empty or partial key", async () => {
    renderSection({ requireSignature: false, signingPublicKeys: [] });
    expect(screen.getByText("No trusted keys.")).toBeTruthy();
    const requirement = screen.getByLabelText("Require a trusted signature");
    fireEvent.click(requirement);
    await save();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByText(/Add a trusted public key first/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Add key" }));
    fireEvent.click(screen.getByRole("button", { name: "Add key" }));
    fireEvent.change(screen.getByLabelText("Key 2"), { target: { value: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" } });
    await save();
    expect(fetchMock).not.toHaveBeenCalled();
    const [first, second] = keyBoxes();
    expect(describedText(first!)).toBe("Paste a PEM public key, or remove this entry.");
    expect(describedText(second!)).toMatch(/Paste the whole key, from -----BEGIN PUBLIC KEY-----/);
    expect(second!.getAttribute("aria-invalid")).toBe("true");
  });

  it("shows the server's message on the key it is about, also after an earlier key is removed", async () => {
    fetchMock.mockResolvedValue(
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "Invalid request body",
            details: [{ path: "signingPublicKeys.1", message: "must be an ECDSA P-256 public key" }],
          },
        },
        { status: 400 },
      ),
    );
    renderSection({ requireSignature: false, signingPublicKeys: [KEY_A] });
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString().trim();
    fireEvent.click(screen.getByRole("button", { name: "Add key" }));
    fireEvent.change(screen.getByLabelText("Key 2"), { target: { value: rsa } });
    await save();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("must be an ECDSA P-256 public key")).toBeTruthy();
    expect(describedText(keyBoxes()[0]!)).toBeUndefined();
    expect(describedText(keyBoxes()[1]!)).toBe("must be an ECDSA P-256 public key");

    fireEvent.click(screen.getByRole("button", { name: "Remove key 1" }));
    expect(keyBoxes().map((box) => box.value)).toEqual([rsa]);
    expect(describedText(keyBoxes()[0]!)).toBe("must be an ECDSA P-256 public key");
  });

  it("says so when nothing changed, without calling the API", async () => {
    renderSection({ requireSignature: true, signingPublicKeys: [KEY_A] });
    await save();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Nothing changed.");
  });
});
