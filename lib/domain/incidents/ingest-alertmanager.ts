import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { canSee } from "@/lib/auth/authorize";
import { serviceResource } from "@/lib/auth/resources";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";
import { isUniqueViolation } from "./unique-violation";
import { openIncident } from "./create-incident";
import { mayManage, mayManageIncidentsSomewhere, resolveIncidentTarget } from "./incident-target";
import { incidentAuditSummary } from "./incident-view";

/**
 * The Prometheus Alertmanager webhook receiver (payload version 4). Each alert maps to a service
 * and environment by its labels; a firing alert opens an incident (linked to the deployment live
 * when it started), a resolved one closes it. Alerts are deduplicated by fingerprint: repeated
 * notifications update the open incident, and the same alert firing again after it was resolved
 * opens a new one. Alerts for services Gantry does not know (or the caller may not manage) are
 * ignored and reported in the answer, so one stray alert does not make Alertmanager retry a group.
 */

/** Label names tried in order. */
export const SERVICE_LABELS = ["gantry_service", "service", "app"] as const;
export const ENVIRONMENT_LABELS = ["gantry_environment", "environment", "env"] as const;

/** Alertmanager sends "0001-01-01T00:00:00Z" for "no end yet" and RFC 3339 times with nanoseconds. */
const alertTime = z.string().transform((value, ctx) => {
  const date = new Date(value.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: "must be an RFC 3339 time" });
    return z.NEVER;
  }
  return date.getUTCFullYear() <= 1 ? null : date;
});

const labelSet = z.record(z.string().max(200), z.string().max(2000)).default({});

export const alertmanagerAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet,
  annotations: labelSet,
  startsAt: alertTime,
  endsAt: alertTime.optional(),
  generatorURL: z.string().max(4000).optional(),
  fingerprint: z.string().trim().min(1).max(200),
});

export const alertmanagerPayload = z.object({
  version: z.string().max(10).optional(),
  status: z.enum(["firing", "resolved"]).optional(),
  receiver: z.string().max(500).optional(),
  groupKey: z.string().max(5000).optional(),
  alerts: z.array(alertmanagerAlert).max(1000),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlert>;

export type AlertAction = "opened" | "updated" | "unchanged" | "resolved" | "recorded" | "ignored";

export interface AlertResult {
  fingerprint: string;
  status: "firing" | "resolved";
  action: AlertAction;
  incidentId?: string;
  reason?: string;
}

function firstLabel(labels: Record<string, string>, names: readonly string[]) {
  for (const name of names) {
    const value = labels[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** "HighErrorRate: 5xx ratio above 5 % on payments-api" from alertname and summary. */
export function alertTitle(alert: Pick<AlertmanagerAlert, "labels" | "annotations">): string {
  const name = alert.labels.alertname?.trim();
  const summary = (alert.annotations.summary ?? alert.annotations.description ?? alert.annotations.message)?.trim();
  const title = name && summary ? (summary.toLowerCase().includes(name.toLowerCase()) ? summary : `${name}: ${summary}`) : (summary ?? name ?? "Alert");
  return title.slice(0, 500);
}

export function alertSeverity(labels: Record<string, string>): string {
  const severity = labels.severity?.trim().toLowerCase();
  return severity && /^[a-z0-9][a-z0-9_.-]{0,39}$/.test(severity) ? severity : "unknown";
}

async function targetFor(ctx: DomainContext, alert: AlertmanagerAlert) {
  const serviceRef = firstLabel(alert.labels, SERVICE_LABELS);
  if (!serviceRef) return { ignored: `no ${SERVICE_LABELS.join(" / ")} label` } as const;
  const resolved = await resolveIncidentTarget(serviceRef, firstLabel(alert.labels, ENVIRONMENT_LABELS));
  if (!resolved || !canSee(ctx.actor, serviceResource(resolved.service))) return { ignored: `unknown service "${serviceRef}"` } as const;
  let environment = resolved.environment;
  if (environment === undefined) return { ignored: `${resolved.service.slug} has no environment "${firstLabel(alert.labels, ENVIRONMENT_LABELS)}"` } as const;
  // Without an environment label, a Kubernetes namespace label can say which environment it is.
  const namespace = alert.labels.namespace?.trim();
  if (!firstLabel(alert.labels, ENVIRONMENT_LABELS) && namespace) {
    const byNamespace = await db.environment.findFirst({ where: { serviceId: resolved.service.id, namespace }, select: { id: true, name: true, isProduction: true } });
    if (byNamespace) environment = byNamespace;
  }
  const target = { service: resolved.service, environment };
  if (!mayManage(ctx.actor, target)) return { ignored: `not allowed to manage incidents of ${resolved.service.slug}${environment ? ` / ${environment.name}` : ""}` } as const;
  return { target } as const;
}

async function ingestOne(ctx: DomainContext, alert: AlertmanagerAlert, now: Date): Promise<AlertResult> {
  const base = { fingerprint: alert.fingerprint, status: alert.status } as const;
  const mapped = await targetFor(ctx, alert);
  if ("ignored" in mapped) return { ...base, action: "ignored", reason: mapped.ignored };
  const { target } = mapped;
  const startsAt = alert.startsAt && alert.startsAt < now ? alert.startsAt : now;
  const title = alertTitle(alert);
  const severity = alertSeverity(alert.labels);

  const open = await db.incident.findFirst({ where: { fingerprint: alert.fingerprint, resolvedAt: null } });
  if (open && open.serviceId !== target.service.id) {
    return { ...base, action: "ignored", reason: `an open incident of another service has fingerprint ${alert.fingerprint}` };
  }
  if (!open) {
    // A late copy of a notification for an episode already closed: nothing to do.
    const closed = await db.incident.findFirst({ where: { fingerprint: alert.fingerprint, openedAt: startsAt, resolvedAt: { not: null } }, select: { id: true } });
    if (closed) return { ...base, action: "unchanged", incidentId: closed.id, reason: "already resolved" };
  }

  if (alert.status === "firing") {
    if (open) {
      if (open.title === title && open.severity === severity) return { ...base, action: "unchanged", incidentId: open.id };
      const updated = await db.$transaction(async (tx) => {
        const row = await tx.incident.update({ where: { id: open.id }, data: { title, severity } });
        await recordAudit(tx, ctx, { action: "incident.update", targetType: "Incident", targetId: row.id, serviceId: row.serviceId, environmentId: row.environmentId, before: incidentAuditSummary(open), after: incidentAuditSummary(row) });
        return row;
      });
      return { ...base, action: "updated", incidentId: updated.id };
    }
    const incident = await openIncident(ctx, { target, title, severity, openedAt: startsAt, resolvedAt: null, deploymentId: undefined, fingerprint: alert.fingerprint, source: "alertmanager" });
    return { ...base, action: "opened", incidentId: incident.id };
  }

  const endsAt = alert.endsAt && alert.endsAt < now ? alert.endsAt : now;
  if (open) {
    const resolvedAt = endsAt < open.openedAt ? open.openedAt : endsAt;
    const row = await db.$transaction(async (tx) => {
      const updated = await tx.incident.update({ where: { id: open.id }, data: { resolvedAt } });
      await recordAudit(tx, ctx, { action: "incident.resolve", targetType: "Incident", targetId: updated.id, serviceId: updated.serviceId, environmentId: updated.environmentId, after: { resolvedAt: resolvedAt.toISOString() } });
      return updated;
    });
    return { ...base, action: "resolved", incidentId: row.id };
  }
  // Resolved before Gantry heard it fire (receiver added later, a lost notification): record the outage.
  const incident = await openIncident(ctx, {
    target,
    title,
    severity,
    openedAt: startsAt,
    resolvedAt: endsAt < startsAt ? startsAt : endsAt,
    deploymentId: undefined,
    fingerprint: alert.fingerprint,
    source: "alertmanager",
  });
  return { ...base, action: "recorded", incidentId: incident.id };
}

/** Processes a notification; the caller must hold `incident:manage` somewhere (403 otherwise). */
export async function ingestAlertmanager(ctx: DomainContext, payload: AlertmanagerPayload, now = new Date()): Promise<{ results: AlertResult[] }> {
  if (!mayManageIncidentsSomewhere(ctx.actor)) {
    throw new AppError("forbidden", 'You need the "incident:manage" permission to report alerts (give the Alertmanager token that scope)', { missingPermission: "incident:manage" });
  }
  const results: AlertResult[] = [];
  for (const alert of payload.alerts) {
    try {
      results.push(await ingestOne(ctx, alert, now));
    } catch (error) {
      // Two Alertmanager replicas delivering the same alert at once: the second finds the first's incident.
      if (!isUniqueViolation(error)) throw error;
      results.push(await ingestOne(ctx, alert, now));
    }
  }
  return { results };
}
