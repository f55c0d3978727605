// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import PromotionNotFound from "@/app/(app)/promotions/[id]/not-found";
import ServiceNotFound from "@/app/(app)/services/[slug]/not-found";

describe("not-found pages", () => {
  afterEach(cleanup);

  it("say what is missing, why it may be, and link back where the person came from", () => {
    render(<ServiceNotFound />);
    expect(screen.getByRole("heading", { name: "Service not found" })).toBeTruthy();
    expect(screen.getByText("It does not exist, or you have no role that lets you see it.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to pipelines" }).getAttribute("href")).toBe("/");
    cleanup();
    render(<PromotionNotFound />);
    expect(screen.getByRole("link", { name: "All promotions" }).getAttribute("href")).toBe("/promotions");
  });
});
