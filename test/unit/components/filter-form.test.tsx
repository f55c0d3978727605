// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ServiceEnvironmentSelects } from "@/components/ui/filter-form";

describe("ServiceEnvironmentSelects", () => {
  afterEach(cleanup);

  it("offers every service and environment under the ids and names the list pages submit, keeping a stale current value", () => {
    render(
      <form>
        <ServiceEnvironmentSelects
          idPrefix="analysis"
          filters={{ service: "gone", environment: "prod" }}
          options={{ services: [{ slug: "ledger", name: "Ledger" }], environments: ["dev", "prod"] }}
        />
      </form>,
    );
    const service = screen.getByLabelText<HTMLSelectElement>("Service");
    expect(service.id).toBe("analysis-service");
    expect(service.name).toBe("service");
    expect([...service.options].map((o) => o.value)).toContain("ledger");
    expect(service.value).toBe("gone");
    const environment = screen.getByLabelText<HTMLSelectElement>("Environment");
    expect(environment.id).toBe("analysis-environment");
    expect(environment.name).toBe("environment");
    expect(environment.value).toBe("prod");
    expect([...environment.options].map((o) => o.textContent)).toEqual(["Any environment", "dev", "prod"]);
  });
});
