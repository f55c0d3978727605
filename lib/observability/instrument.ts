import { observeHttpRequest } from "./registry";
import { boundedRouteLabel } from "./route-label";

type RouteHandler<C> = (request: Request, context?: C) => Promise<Response>;

/** Times a route handler and records it in gantry_http_request_duration_seconds. */
export function instrumented<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const started = performance.now();
    const response = await handler(request, context);
    try {
      const route = boundedRouteLabel(new URL(request.url).pathname);
      observeHttpRequest({ route, method: request.method, status: String(response.status) }, (performance.now() - started) / 1000);
    } catch {
      // Metrics must never break a request.
    }
    return response;
  };
}
