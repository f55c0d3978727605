import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi, type Mock } from "vitest";

/**
 * Component tests' network: `fetch` is a fresh mock in every test (the other mocks given, such as
 * the router's push/refresh, are reset with it), and the rendered tree is unmounted after each.
 * Call inside a `describe`.
 */
export function stubFetch(...alsoReset: Mock[]): Mock {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    for (const mock of alsoReset) mock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
  return fetchMock;
}
