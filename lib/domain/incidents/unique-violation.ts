import { mapDatabaseError } from "@/lib/http/database-errors";

/** An insert lost a race against an identical one (e.g. the same alert delivered twice at once). */
export function isUniqueViolation(error: unknown): boolean {
  const mapped = mapDatabaseError(error);
  return mapped?.code === "conflict" && (mapped.details as { constraint?: string } | undefined)?.constraint === "Incident_open_fingerprint_key";
}
