import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { rollbackEnvironment } from "@/lib/domain/environments/rollback-environment";
import { prometheusTokenContext } from "@/lib/domain/environments/update-environment";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { createPrometheusProvider } from "@/lib/metrics/providers/prometheus-provider";
import { isMetricsProviderError, MetricsProviderError, type MetricsProvider } from "@/lib/metrics/providers/metrics-provider";
import { runAnalysis } from "@/lib/metrics/run-analysis";
import { analysisTemplateSchema } from "@/lib/metrics/template";
import { notifyPromotionSettled } from "@/lib/notifications/notify";

const CANARY_SETTLE_MS = 60_000;
const MIN_BASELINE_MS = 30 * 60_000;

export const VERIFIER = { kind: "system" as const, name: "verification" };
const verifierCtx = { actor: VERIFIER };

export interface VerificationOptions {
  /** Length of the baseline and canary windows. Default: the environment's verificationMinutes. */
  windowMs?: number;
  /** Overrides the environment's Prometheus (tests). */
  provider?: MetricsProvider;
  attempt?: number;
  maxAttempts?: number;
  /** The judging clock (tests judge a window "after" it closed without waiting for it). */
  now?: () => Date;
}

type EnvironmentRow = { id: string; prometheusUrl: string | null; prometheusToken: string | null; verificationTemplate: Prisma.JsonValue | null; verificationMinutes: number };

/** A provider whose every query fails with `reason`, so verification records why instead of querying without credentials. */
function failingProvider(reason: string): MetricsProvider {
  const fail = () => Promise.reject(new MetricsProviderError("unauthorized", reason));
  return { queryRange: fail, query: fail };
}

/** Where an environment's metrics come from, or null when verification is off for it. */
export function metricsProviderFor(environment: EnvironmentRow, override?: MetricsProvider): MetricsProvider | null {
  if (override) return override;
  if (!environment.prometheusUrl) {
    const url = env().GANTRY_PROMETHEUS_URL;
    return url ? createPrometheusProvider({ url, bearerToken: env().GANTRY_PROMETHEUS_TOKEN ?? null }) : null;
  }
  let bearerToken: string | null = null;
  if (environment.prometheusToken !== null) {
    try {
      // Stored encrypted by updateEnvironment, bound to this environment's id.
      bearerToken = decryptSecret(environment.prometheusToken, { context: prometheusTokenContext(environment.id) });
    } catch (error) {
      log.error("cannot decrypt an environment's Prometheus token", { environmentId: environment.id, error: (error as Error).message });
      return failingProvider(`the Prometheus token of this environment cannot be decrypted (${(error as Error).message}); enter it again in Settings → Environments`);
    }
  }
  return createPrometheusProvider({ url: environment.prometheusUrl, bearerToken });
}

export function templateFor(environment: EnvironmentRow) {
  const parsed = environment.verificationTemplate ? analysisTemplateSchema.safeParse(environment.verificationTemplate) : null;
  return parsed?.success ? parsed.data : DEFAULT_ANALYSIS_TEMPLATE;
}

/**
 * Called when a rollout has finished: opens the analysis (the baseline is the window before the
 * deployment started, the canary the window after the rollout) and returns when to judge it, or
 * null when the environment is not verified (the promotion then simply succeeds).
 */
export async function openVerification(tx: Prisma.TransactionClient, promotionId: string, options: VerificationOptions = {}): Promise<Date | null> {
  const promotion = await tx.promotion.findUniqueOrThrow({ where: { id: promotionId }, include: { environment: true, deployment: true } });
  const environment = promotion.environment;
  if (!promotion.deployment || promotion.kind === "Rollback") return null;
  if (!metricsProviderFor(environment, options.provider)) return null;
  const windowMs = options.windowMs ?? environment.verificationMinutes * 60_000;
  // The first rate window after a rollout mixes old and new pods: start judging after it. A longer
  // baseline than canary halves the judge's false alarms (bench/judge-accuracy.ts).
  const canaryStart = new Date(Date.now() + CANARY_SETTLE_MS);
  const baselineMs = Math.max(windowMs * 3, MIN_BASELINE_MS);
  const deployStart = promotion.deployment.startedAt;
  const canaryEnd = new Date(canaryStart.getTime() + windowMs);
  await tx.analysis.create({
    data: {
      deploymentId: promotion.deployment.id,
      promotionId,
      status: "Pending",
      baselineStart: new Date(deployStart.getTime() - baselineMs),
      baselineEnd: deployStart,
      canaryStart,
      canaryEnd,
      template: JSON.parse(JSON.stringify(templateFor(environment))),
    },
  });
  return canaryEnd;
}

export type VerifyOutcome = { state: "waiting"; retryAt: Date } | { state: "finished"; verdict: string | null; status: string };

/**
 * Judges a Verifying promotion once its canary window has passed: Pass or Marginal succeed (a
 * marginal result is shown, not acted on), Fail fails the release and — when the environment
 * says so — rolls back to what it replaced, Inconclusive succeeds with the verdict on record
 * (a monitoring outage must not roll back a healthy release). Idempotent: a finished analysis is
 * not judged again.
 */
export async function verifyPromotion(promotionId: string, options: VerificationOptions = {}): Promise<VerifyOutcome> {
  const promotion = await db.promotion.findUnique({
    where: { id: promotionId },
    include: { environment: { include: { service: { select: { slug: true } } } }, deployment: true, analyses: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!promotion) return { state: "finished", verdict: null, status: "missing" };
  if (promotion.status !== "Verifying") return { state: "finished", verdict: promotion.analyses[0]?.verdict ?? null, status: promotion.status };
  const analysis = promotion.analyses[0];
  const environment = promotion.environment;
  const provider = metricsProviderFor(environment, options.provider);
  if (!analysis || !provider) {
    await settle(promotionId, "Succeeded", null, "verification is not configured");
    return { state: "finished", verdict: null, status: "Succeeded" };
  }
  if (analysis.canaryEnd > (options.now?.() ?? new Date())) return { state: "waiting", retryAt: analysis.canaryEnd };

  let outcome: Awaited<ReturnType<typeof runAnalysis>> | null = null;
  try {
    outcome = await runAnalysis({
      provider,
      template: analysisTemplateSchema.parse(analysis.template),
      target: { service: environment.service.slug, namespace: environment.namespace, environment: environment.name },
      noDataPolicy: environment.noDataPolicy,
      baseline: { start: analysis.baselineStart, end: analysis.baselineEnd },
      canary: { start: analysis.canaryStart, end: analysis.canaryEnd },
    });
  } catch (error) {
    if (isMetricsProviderError(error) && (options.attempt ?? 0) < (options.maxAttempts ?? 5)) throw error; // retried by the queue
    log.warn("verification could not query metrics", { promotionId, error: (error as Error).message });
    await db.analysis.update({
      where: { id: analysis.id },
      data: { status: "Errored", verdict: "Inconclusive", summary: `Metrics could not be queried: ${(error as Error).message}`, finishedAt: new Date() },
    });
    await settle(promotionId, "Succeeded", "Inconclusive", "metrics unavailable");
    return { state: "finished", verdict: "Inconclusive", status: "Succeeded" };
  }

  const verdict = outcome.analysis.verdict;
  await db.$transaction(async (tx) => {
    await tx.analysis.update({
      where: { id: analysis.id },
      data: { status: "Completed", verdict, score: outcome.analysis.score, summary: outcome.analysis.summary, template: JSON.parse(JSON.stringify(outcome.analysis.template)), finishedAt: outcome.analysis.finishedAt },
    });
    await tx.analysisMetricResult.deleteMany({ where: { analysisId: analysis.id } });
    await tx.analysisMetricResult.createMany({
      data: outcome.metrics.map((m) => ({
        analysisId: analysis.id,
        metricName: m.metricName,
        query: m.query,
        direction: m.direction,
        tolerance: m.tolerance,
        critical: m.critical,
        status: m.status,
        pValue: m.pValue,
        effect: m.effect,
        baselineSummary: JSON.parse(JSON.stringify(m.baselineSummary)),
        canarySummary: JSON.parse(JSON.stringify(m.canarySummary)),
        baselineSamples: m.baselineSamples,
        canarySamples: m.canarySamples,
        explanation: m.explanation,
      })),
    });
  });

  if (verdict !== "Fail") {
    await settle(promotionId, "Succeeded", verdict, outcome.analysis.summary);
    return { state: "finished", verdict, status: "Succeeded" };
  }
  const rollbackTo = environment.autoRollback ? promotion.deployment?.previousArtifactId : null;
  await settle(promotionId, rollbackTo ? "RolledBack" : "Failed", verdict, `verification failed: ${outcome.analysis.summary}`);
  if (rollbackTo) {
    await rollbackEnvironment(verifierCtx, environment.id, {
      reason: `automatic rollback: verification of ${promotion.id} failed (${outcome.analysis.summary})`.slice(0, 2000),
      artifactId: rollbackTo,
    });
  }
  return { state: "finished", verdict, status: rollbackTo ? "RolledBack" : "Failed" };
}

async function settle(promotionId: string, status: "Succeeded" | "Failed" | "RolledBack", verdict: string | null, summary: string) {
  const { kickNext } = await import("./execute-promotion");
  const environmentId = await db.$transaction(async (tx) => {
    const promotion = await tx.promotion.findUniqueOrThrow({ where: { id: promotionId }, include: { deployment: true, environment: true } });
    if (promotion.status !== "Verifying") return promotion.environmentId;
    const now = new Date();
    await tx.promotion.update({ where: { id: promotionId }, data: { status, finishedAt: now, failureReason: status === "Succeeded" ? null : summary } });
    if (promotion.deployment) {
      await tx.deployment.update({
        where: { id: promotion.deployment.id },
        data: { outcome: status === "Succeeded" ? "Succeeded" : status === "RolledBack" ? "RolledBack" : "Failed", finishedAt: promotion.deployment.finishedAt ?? now },
      });
    }
    await recordAudit(tx, verifierCtx, {
      action: status === "Succeeded" ? "promotion.succeeded" : status === "RolledBack" ? "promotion.verification_failed" : "promotion.failed",
      targetType: "Promotion",
      targetId: promotionId,
      serviceId: promotion.environment.serviceId,
      environmentId: promotion.environmentId,
      before: { status: "Verifying" },
      after: { status, verdict, summary },
    });
    return promotion.environmentId;
  });
  await kickNext(environmentId);
  await notifyPromotionSettled(promotionId, "verification");
}
