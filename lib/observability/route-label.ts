import { isKnownRoute, knownRouteCount } from "./registry";

/** Beyond this many distinct routes, new ones are recorded as "other" (bounded label cardinality). */
export const MAX_ROUTES = 200;

const ID_SEGMENT = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // uuid
  /^\d+$/, // numeric id (audit events)
  /^(sha256:)?[0-9a-f]{16,}$/i, // digests, hex tokens
];

/**
 * The `route` label of a request: its path with id-like segments replaced by `:id`. The wrapper
 * does not know Next's route template, so ids are recognised by shape.
 */
export function routeLabel(pathname: string): string {
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // keep the raw segment
      }
      return ID_SEGMENT.some((re) => re.test(decoded)) ? ":id" : decoded;
    });
  return `/${segments.join("/")}`;
}

/** routeLabel, capped: a route first seen after MAX_ROUTES distinct ones becomes "other". */
export function boundedRouteLabel(pathname: string): string {
  const label = routeLabel(pathname);
  if (isKnownRoute(label) || knownRouteCount() < MAX_ROUTES) return label;
  return "other";
}
