import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, conflict } from "@/lib/http/errors";
import { authorizeIncidentTarget, checkLinkedDeployment, findLiveDeployment, type IncidentTarget } from "./incident-target";
import { incidentAuditSummary, incidentInclude, toIncidentView, type IncidentView } from "./incident-view";

/** A clock a minute ahead of ours is not a reason to refuse a report. */
const FUTURE_TOLERANCE_MS = 60_000;

export const severitySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "must be a short word such as critical, major, minor or warning");

export const createIncidentInput = z
  .object({
    /** Service slug (or id). */
    service: z.string().trim().min(1).max(200),
    /** Environment name; default: the service's production environment. */
    environment: z.string().trim().min(1).max(200).optional(),
    title: z.string().trim().min(1).max(500),
    severity: severitySchema.default("unknown"),
    openedAt: z.coerce.date().optional(),
    resolvedAt: z.coerce.date().nullable().optional(),
    /** The deployment that caused it; null = none; absent = the deployment live when it opened. */
    deploymentId: z.uuid().nullable().optional(),
    /** An external key (e.g. a monitoring alert id): reporting the same open incident again answers it. */
    fingerprint: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export type CreateIncidentInput = z.input<typeof createIncidentInput>;

export interface OpenIncidentFacts {
  target: Pick<IncidentTarget, "service" | "environment">;
  title: string;
  severity: string;
  openedAt: Date;
  resolvedAt: Date | null;
  /** undefined: link the deployment live at `openedAt`. */
  deploymentId: string | null | undefined;
  fingerprint: string | null;
  source: string;
}

export function checkTimes(openedAt: Date, resolvedAt: Date | null, now = new Date()) {
  const problems: { path: string; message: string }[] = [];
  if (openedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.push({ path: "openedAt", message: "cannot be in the future" });
  if (resolvedAt && resolvedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.push({ path: "resolvedAt", message: "cannot be in the future" });
  if (resolvedAt && resolvedAt < openedAt) problems.push({ path: "resolvedAt", message: "cannot be before the incident opened" });
  if (problems.length) throw new AppError("validation_failed", `Invalid incident times: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`, problems);
}

/** Creates the row and its audit event; the caller has authorized `facts.target`. */
export async function openIncident(ctx: DomainContext, facts: OpenIncidentFacts) {
  const { target } = facts;
  checkTimes(facts.openedAt, facts.resolvedAt);
  const deploymentId =
    facts.deploymentId === undefined
      ? target.environment
        ? ((await findLiveDeployment(target.environment.id, facts.openedAt))?.id ?? null)
        : null
      : facts.deploymentId === null
        ? null
        : await checkLinkedDeployment(facts.deploymentId, target);
  return db.$transaction(async (tx) => {
    const row = await tx.incident.create({
      data: {
        serviceId: target.service.id,
        environmentId: target.environment?.id ?? null,
        deploymentId,
        title: facts.title,
        severity: facts.severity,
        source: facts.source,
        fingerprint: facts.fingerprint,
        openedAt: facts.openedAt,
        resolvedAt: facts.resolvedAt,
      },
      include: incidentInclude,
    });
    const common = { targetType: "Incident", targetId: row.id, serviceId: row.serviceId, environmentId: row.environmentId };
    await recordAudit(tx, ctx, { action: "incident.open", ...common, after: { ...incidentAuditSummary(row), source: row.source, linkedAutomatically: facts.deploymentId === undefined } });
    if (row.resolvedAt) await recordAudit(tx, ctx, { action: "incident.resolve", ...common, after: { resolvedAt: row.resolvedAt.toISOString() } });
    return toIncidentView(row);
  });
}

/**
 * Records an incident (API clients and people). With a fingerprint, reporting an incident that
 * is still open answers the existing one (200) instead of opening a duplicate.
 */
export async function createIncident(ctx: DomainContext, rawInput: CreateIncidentInput): Promise<{ incident: IncidentView; created: boolean }> {
  const input = createIncidentInput.parse(rawInput);
  const target = await authorizeIncidentTarget(ctx.actor, input.service, input.environment);
  if (input.fingerprint) {
    const open = await db.incident.findFirst({ where: { fingerprint: input.fingerprint, resolvedAt: null }, include: incidentInclude });
    if (open) {
      if (open.serviceId !== target.service.id) throw conflict("An open incident of another service has this fingerprint", { fingerprint: input.fingerprint });
      return { incident: toIncidentView(open), created: false };
    }
  }
  const incident = await openIncident(ctx, {
    target,
    title: input.title,
    severity: input.severity,
    openedAt: input.openedAt ?? new Date(),
    resolvedAt: input.resolvedAt ?? null,
    deploymentId: input.deploymentId,
    fingerprint: input.fingerprint ?? null,
    source: ctx.actor.kind === "token" ? "api" : "manual",
  });
  return { incident, created: true };
}
