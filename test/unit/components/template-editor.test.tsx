// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import type { AnalysisTemplate } from "@/lib/metrics/template";
import { stubFetch } from "../../helpers/stub-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { TemplateEditor } = await import("@/components/settings/environments/template-editor");

const ENV_ID = "3f0d8a4e-5a9b-4c1f-8f59-1b2c3d4e5f60";
const VARIABLES = { service: "shop", namespace: "shop-prod", environment: "prod" };

const CUSTOM: AnalysisTemplate = {
  ...DEFAULT_ANALYSIS_TEMPLATE,
  metrics: [
    { ...DEFAULT_ANALYSIS_TEMPLATE.metrics[0]!, name: "errors", tolerance: 0.2 },
    { ...DEFAULT_ANALYSIS_TEMPLATE.metrics[1]!, name: "latency" },
  ],
};

function renderEditor(template: AnalysisTemplate = CUSTOM, isDefault = false) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TemplateEditor
        environmentId={ENV_ID}
        template={template}
        isDefault={isDefault}
        defaultTemplate={DEFAULT_ANALYSIS_TEMPLATE}
        variables={VARIABLES}
        environmentNoData="Inconclusive"
      />
    </QueryClientProvider>,
  );
}

const metrics = () => within(screen.getByRole("list", { name: "Metrics" })).getAllByRole("listitem");
const sentBody = (call: unknown[]) => JSON.parse((call[1] as RequestInit).body as string);

describe("TemplateEditor", () => {
  const fetchMock = stubFetch(refresh);

  it("previews each query rendered for this environment, live as it is edited", () => {
    renderEditor();
    const first = metrics()[0]!;
    expect(within(first).getByLabelText("Rendered query for errors").textContent).toContain('service="shop",namespace="shop-prod",environment="prod"');
    fireEvent.change(within(first).getByLabelText("PromQL query"), { target: { value: 'up{ns="{{namespace}}", pod="{{pod}}"}' } });
    expect(within(first).queryByLabelText("Rendered query for errors")).toBeNull();
    expect(first.textContent).toContain("Unknown placeholder {{pod}}");
    fireEvent.change(within(first).getByLabelText("PromQL query"), { target: { value: 'up{ns="{{namespace}}"}' } });
    expect(within(first).getByLabelText("Rendered query for errors").textContent).toBe('up{ns="shop-prod"}');
  });

  it("adds and removes metrics, never below one, and sends tolerance as a ratio", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { id: ENV_ID, verificationTemplate: CUSTOM } }));
    renderEditor();
    fireEvent.click(screen.getByRole("button", { name: "Add metric" }));
    expect(metrics()).toHaveLength(3);
    const added = metrics()[2]!;
    fireEvent.change(within(added).getByLabelText("Name"), { target: { value: "queue depth" } });
    fireEvent.change(within(added).getByLabelText("Tolerance (%)"), { target: { value: "7.5" } });
    fireEvent.click(within(added).getByLabelText("Critical"));
    fireEvent.click(screen.getByRole("button", { name: "Remove metric latency" }));
    expect(metrics().map((m) => within(m).getByLabelText<HTMLInputElement>("Name").value)).toEqual(["errors", "queue depth"]);

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save template" })));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/environments/${ENV_ID}`);
    expect(init.method).toBe("PATCH");
    const { verificationTemplate } = sentBody(fetchMock.mock.calls[0]!);
    expect(verificationTemplate.metrics.map((m: { name: string; tolerance: number; critical: boolean }) => [m.name, m.tolerance, m.critical])).toEqual([
      ["errors", 0.2, true],
      ["queue depth", 0.075, true],
    ]);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Saved."));
    expect(refresh).toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Remove metric errors" }));
    expect((screen.getByRole("button", { name: "Remove metric queue depth" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows each server validation message at the metric and field it concerns", async () => {
    fetchMock.mockResolvedValue(
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "Invalid request body",
            details: [
              { path: "verificationTemplate.metrics.1.name", message: 'Duplicate metric name "errors"' },
              { path: "verificationTemplate.metrics.0.query", message: "Unknown placeholder {{pod}}; allowed: {{service}}, {{namespace}}, {{environment}}" },
            ],
          },
        },
        { status: 400 },
      ),
    );
    renderEditor();
    fireEvent.change(within(metrics()[1]!).getByLabelText("Name"), { target: { value: "errors" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save template" })));

    const [first, second] = metrics() as [HTMLElement, HTMLElement];
    const secondName = within(second).getByLabelText("Name");
    expect(secondName.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(secondName.getAttribute("aria-describedby")!)!.textContent).toBe('Duplicate metric name "errors"');
    const firstQuery = within(first).getByLabelText("PromQL query");
    expect(document.getElementById(firstQuery.getAttribute("aria-describedby")!)!.textContent).toMatch(/^Unknown placeholder \{\{pod\}\}; allowed/);
    expect(within(first).getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe("Some fields need attention: see the messages next to them.");
  });

  it("reports a number it cannot read without calling the API", async () => {
    renderEditor();
    fireEvent.change(within(metrics()[0]!).getByLabelText("Min samples"), { target: { value: "2" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save template" })));
    expect(fetchMock).not.toHaveBeenCalled();
    const field = within(metrics()[0]!).getByLabelText("Min samples");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(field.getAttribute("aria-describedby")!.split(" ").pop()!)!.textContent).toBe("Enter a number from 4 to 100000.");
  });

  it("resets to the default after confirmation and shows the default metrics", async () => {
    fetchMock.mockResolvedValue(Response.json({ environment: { id: ENV_ID, verificationTemplate: null } }));
    renderEditor();
    expect(screen.getByText("Custom template")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Reset to default template" }));
    expect(fetchMock).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Reset" })));
    expect(sentBody(fetchMock.mock.calls[0]!)).toEqual({ verificationTemplate: null });
    await waitFor(() => expect(metrics()).toHaveLength(DEFAULT_ANALYSIS_TEMPLATE.metrics.length));
    expect(metrics().map((m) => within(m).getByLabelText<HTMLInputElement>("Name").value)).toEqual(DEFAULT_ANALYSIS_TEMPLATE.metrics.map((m) => m.name));
  });

  it("calls a stored copy of the default what it is, and offers no reset when the default applies", () => {
    const copy = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(DEFAULT_ANALYSIS_TEMPLATE).reverse())));
    renderEditor(copy);
    expect(screen.getByText("Copy of the default")).toBeTruthy();
    cleanup();
    renderEditor(DEFAULT_ANALYSIS_TEMPLATE, true);
    expect(screen.getByText("Default template")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Reset to default template" })).toBeNull();
  });
});
