import { AsyncLocalStorage } from "node:async_hooks";
import Module from "node:module";
import { parseCookies } from "@/lib/auth/session-cookie";

/**
 * Next.js gives route handlers a request scope in which `cookies()` and `headers()` from
 * next/headers read the current request. The test HTTP harness runs handlers outside Next, so it
 * provides the same scope: libraries that call next/headers (next-auth's route handler) see the
 * request being served.
 */
export const requestScope = new AsyncLocalStorage<Request>();

function current(): Request {
  const request = requestScope.getStore();
  if (!request) throw new Error("next/headers used outside a request (test harness)");
  return request;
}

const nextHeadersShim = {
  async headers() {
    return new Headers(current().headers);
  },
  async cookies() {
    const all = [...parseCookies(current().headers.get("cookie"))].map(([name, value]) => ({ name, value }));
    return {
      getAll: () => all,
      get: (name: string) => all.find((c) => c.name === name),
      has: (name: string) => all.some((c) => c.name === name),
    };
  },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request, parent, isMain) {
  if (request === "next/headers" || request === "next/headers.js") return nextHeadersShim;
  return originalLoad.call(this, request, parent, isMain);
};
