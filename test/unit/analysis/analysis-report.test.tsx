// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AnalysisReport } from "@/components/analysis/analysis-report";
import { analysisPollInterval, LiveAnalysisReport, OPEN_ANALYSIS_POLL_MS } from "@/components/analysis/live-analysis-report";
import { promotionVerificationPollInterval } from "@/components/analysis/promotion-verification";
import { analysisFixture, metricFixture } from "./analysis-fixture";

// recharts measures its container, which jsdom cannot: the chart is replaced by a marker that
// records what it was asked to draw (the transform itself is tested in chart-series.test.ts).
vi.mock("@/components/analysis/metric-chart", () => ({
  MetricChart: ({ metric, failing }: { metric: { name: string; baseline: { samples: unknown[] }; canary: { samples: unknown[] } }; failing: boolean }) => (
    <svg data-testid="chart" data-metric={metric.name} data-failing={String(failing)} data-points={metric.baseline.samples.length + metric.canary.samples.length} />
  ),
}));

vi.mock("next/link", () => ({
  default: ({ href, children, ...props }: { href: string; children: ReactNode }) => (
    <a href={href} {...props}>
      {children}
    </a>
  ),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NOW = new Date("2026-09-14T14:00:00Z");

describe("AnalysisReport", () => {
  it("leads with the verdict, score, summary and what happened to the release", () => {
    render(<AnalysisReport analysis={analysisFixture()} now={NOW} />);
    const verdict = screen.getByRole("region", { name: "Verification verdict" });
    expect(within(verdict).getByText("Fail")).toBeTruthy();
    expect(within(verdict).getByText("1 of 2 metrics failed")).toBeTruthy();
    expect(verdict.textContent).toContain("50/100");
    expect(verdict.textContent).toContain("Pass ≥ 90 · Marginal ≥ 60");
    expect(verdict.textContent).toContain("Fail: critical metric 5xx error ratio is High.");
    expect(verdict.textContent).toContain("Rolled back automatically to 1.49.0");
    expect(within(verdict).getByRole("link", { name: "View the rollback" }).getAttribute("href")).toBe("/promotions/3d6a0479-0000-4000-8000-000000000002");
    // The windows: baseline before the deployment, the rollout, the canary after it.
    expect(verdict.textContent).toContain("2026-09-14 13:34–13:49 UTC");
    expect(verdict.textContent).toContain("3 min, after the rollout");
  });

  it("shows each metric's status, statistics against its tolerance, explanation and chart", () => {
    render(<AnalysisReport analysis={analysisFixture()} now={NOW} />);
    const table = screen.getByRole("region", { name: "Metric results" });
    const row = within(table).getByText("5xx error ratio").closest("tr")!;
    expect(row.textContent).toContain("High");
    expect(row.textContent).toContain("Critical");
    expect(row.textContent).toContain("+412%");
    expect(row.textContent).toContain("+50%");
    expect(row.textContent).toContain("< 0.0001");
    expect(row.textContent).toContain("8 / 8");

    const section = screen.getByRole("region", { name: "5xx error ratio" });
    expect(within(section).getByTestId("metric-explanation").textContent).toBe("5xx error ratio rose 412% (median 0.178% → 0.908%), above the 50% tolerance; p < 0.0001.");
    const chart = within(section).getByTestId("chart");
    expect(chart.getAttribute("data-failing")).toBe("true");
    expect(chart.getAttribute("data-points")).toBe("16");
    expect(within(section).getByRole("img", { name: /5xx error ratio distributions\. Baseline: median 0\.18%/ })).toBeTruthy();
    expect(section.textContent).toContain("Higher is worse · tolerance +50%");
    expect(section.textContent).toContain("http_requests_total");
  });

  it("explains why a metric has no data, and plots what there is", () => {
    render(<AnalysisReport analysis={analysisFixture()} now={NOW} />);
    const section = screen.getByRole("region", { name: "CPU per pod" });
    expect(section.textContent).toContain("No data for CPU per pod: canary window: the query matched no series.");
    expect(section.textContent).toContain("The baseline had 3 usable samples, the canary no usable samples; at least 8 per window are needed.");
    expect(section.textContent).toContain("Missing data makes the analysis Inconclusive (the environment's policy).");
    expect(within(section).getByTestId("chart").getAttribute("data-points")).toBe("3");
  });

  it("says there is nothing to plot when neither window returned samples", () => {
    const empty = metricFixture({ name: "pod restarts", status: "NoData", baselineValues: [], canaryValues: [], explanation: "No data for pod restarts: both windows: the query matched no series." });
    render(<AnalysisReport analysis={analysisFixture({ metrics: [empty] })} now={NOW} />);
    const section = screen.getByRole("region", { name: "pod restarts" });
    expect(within(section).queryByTestId("chart")).toBeNull();
    expect(section.textContent).toContain("No samples were returned for either window, so there is nothing to plot.");
  });

  it("while the canary window is open, says when the release will be judged and what will be compared", () => {
    const pending = analysisFixture({ status: "Pending", verdict: null, score: null, summary: "", finishedAt: null, metrics: [], canary: { start: "2026-09-14T13:55:00Z", end: "2026-09-14T14:05:00Z" } });
    render(<AnalysisReport analysis={pending} now={NOW} />);
    expect(screen.getByText("Collecting")).toBeTruthy();
    const panel = screen.getByRole("region", { name: "Collecting canary samples" });
    expect(panel.textContent).toContain("The release is judged at 2026-09-14 14:05:00 UTC (in 5m)");
    expect(within(panel).getByRole("progressbar", { name: "Canary window elapsed" }).getAttribute("aria-valuenow")).toBe("50");
    expect(panel.textContent).toContain("5xx error ratio");
    expect(panel.textContent).toContain("Either way is worse · tolerance ±30%");
    expect(screen.queryByRole("region", { name: "Metric results" })).toBeNull();
  });

  it("after the canary window, while the judge has not finished, says so", () => {
    const judging = analysisFixture({ status: "Running", verdict: null, score: null, summary: "", metrics: [] });
    render(<AnalysisReport analysis={judging} now={NOW} />);
    expect(screen.getByRole("region", { name: "Judging" }).textContent).toContain("the judge is comparing the windows now");
  });

  it("an errored analysis without metric results says there is no per-metric evidence", () => {
    render(<AnalysisReport analysis={analysisFixture({ status: "Errored", verdict: "Inconclusive", summary: "Metrics could not be queried: timeout", metrics: [], promotion: null, rollback: null })} now={NOW} />);
    expect(screen.getByText("Inconclusive (errored)")).toBeTruthy();
    expect(screen.getByText(/No metric could be measured/)).toBeTruthy();
    expect(screen.getByText("Metrics could not be queried: timeout")).toBeTruthy();
  });

  it("can fold the passing metrics away, keeping failures and missing data open", () => {
    const passing = metricFixture({ name: "p95 latency", status: "Pass", critical: false, unit: "seconds", explanation: "p95 latency did not change." });
    render(<AnalysisReport analysis={analysisFixture({ metrics: [...analysisFixture().metrics, passing] })} now={NOW} collapsePassing />);
    const folded = screen.getByRole("region", { name: "p95 latency", hidden: true }).closest("details");
    expect(folded?.open).toBe(false);
    expect(folded?.querySelector("summary")?.textContent).toBe("ShowHide the 1 passing metric");
    expect(screen.getByRole("region", { name: "5xx error ratio" }).closest("details")).toBeNull();
    expect(screen.getByRole("region", { name: "CPU per pod" }).closest("details")).toBeNull();
  });

  it("nests its headings under the level it is given", () => {
    render(<AnalysisReport analysis={analysisFixture()} now={NOW} headingLevel={3} />);
    expect(screen.getByRole("heading", { level: 3, name: "Verification verdict" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 4, name: "5xx error ratio" })).toBeTruthy();
  });
});

describe("refreshing", () => {
  it("polls an open analysis and stops once it is judged", () => {
    expect(analysisPollInterval({ status: "Pending" })).toBe(OPEN_ANALYSIS_POLL_MS);
    expect(analysisPollInterval({ status: "Running" })).toBe(OPEN_ANALYSIS_POLL_MS);
    expect(analysisPollInterval({ status: "Completed" })).toBe(false);
    expect(analysisPollInterval({ status: "Errored" })).toBe(false);
    expect(analysisPollInterval(undefined)).toBe(false);
  });

  it("on the promotion page, polls until an analysis appears and while it is open", () => {
    expect(promotionVerificationPollInterval(undefined, "Deploying")).toBe(OPEN_ANALYSIS_POLL_MS);
    expect(promotionVerificationPollInterval(undefined, "Verifying")).toBe(OPEN_ANALYSIS_POLL_MS);
    expect(promotionVerificationPollInterval(undefined, "Succeeded")).toBe(false);
    expect(promotionVerificationPollInterval(undefined, "PendingApproval")).toBe(false);
    expect(promotionVerificationPollInterval({ status: "Pending" }, "Verifying")).toBe(OPEN_ANALYSIS_POLL_MS);
    expect(promotionVerificationPollInterval({ status: "Completed" }, "Verifying")).toBe(false);
  });

  it("LiveAnalysisReport shows the verdict once the API answers a judged analysis", async () => {
    const judged = analysisFixture();
    const pending = analysisFixture({ status: "Pending", verdict: null, score: null, summary: "", finishedAt: null, metrics: [], canary: { start: "2026-09-14T13:55:00Z", end: "2099-01-01T00:00:00Z" } });
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ analysis: judged }), { status: 200, headers: { "content-type": "application/json" } }));
    vi.stubGlobal("fetch", fetchMock);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <LiveAnalysisReport analysisId={judged.id} initial={pending} pollMs={10} />
      </QueryClientProvider>,
    );
    expect(screen.getByRole("region", { name: "Collecting canary samples" })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("region", { name: "5xx error ratio" })).toBeTruthy());
    expect(fetchMock).toHaveBeenCalledWith(`/api/v1/analyses/${judged.id}`, expect.objectContaining({ method: "GET" }));
    expect(screen.queryByRole("region", { name: "Collecting canary samples" })).toBeNull();
    client.clear();
  });
});
