import { randomUUID } from "node:crypto";
import type { DoraAggregates } from "@/lib/dora/classify";
import type { DeploymentFact, DoraFacts, DoraScope, IncidentFact, Outcome, Period, Verdict } from "@/lib/dora/definitions";

/**
 * Small release histories for DORA tests, as facts with real UUIDs: unit tests feed them to the
 * reference definitions, integration tests insert the same rows into Postgres and run the SQL.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A Monday, so weeks line up with date_trunc('week'). */
export const T0 = Date.UTC(2026, 0, 5);
export const at = (days: number, hours = 0, minutes = 0) => new Date(T0 + days * DAY + hours * HOUR + minutes * MINUTE);

export interface ServiceRef {
  id: string;
  name: string;
  environments: Record<string, { id: string; isProduction: boolean }>;
}

export class History {
  readonly facts: DoraFacts = { deployments: [], commits: [], analyses: [], incidents: [] };
  readonly services: ServiceRef[] = [];
  readonly artifacts: { id: string; serviceId: string }[] = [];
  private shaCounter = 0;

  service(name: string, environments: Record<string, boolean> = { staging: false, prod: true }): ServiceRef {
    const ref: ServiceRef = {
      id: randomUUID(),
      name,
      environments: Object.fromEntries(Object.entries(environments).map(([env, isProduction]) => [env, { id: randomUUID(), isProduction }])),
    };
    this.services.push(ref);
    return ref;
  }

  sha(): string {
    this.shaCounter += 1;
    return this.shaCounter.toString(16).padStart(40, "0");
  }

  /** An artifact carrying commits (sha → commit time). */
  artifact(service: ServiceRef, commits: { sha?: string; committedAt: Date }[]): string {
    const id = randomUUID();
    this.artifacts.push({ id, serviceId: service.id });
    for (const c of commits) this.facts.commits.push({ artifactId: id, sha: c.sha ?? this.sha(), committedAt: c.committedAt });
    return id;
  }

  deploy(
    service: ServiceRef,
    artifactId: string,
    options: { env?: string; startedAt: Date; finishedAt?: Date | null; outcome?: Outcome; isRollback?: boolean },
  ): DeploymentFact {
    const env = service.environments[options.env ?? "prod"];
    if (!env) throw new Error(`no environment ${options.env} on ${service.name}`);
    const outcome = options.outcome ?? "Succeeded";
    const deployment: DeploymentFact = {
      id: randomUUID(),
      serviceId: service.id,
      environmentId: env.id,
      isProduction: env.isProduction,
      artifactId,
      isRollback: options.isRollback ?? false,
      outcome,
      startedAt: options.startedAt,
      finishedAt: options.finishedAt === undefined ? (outcome === "InProgress" ? null : new Date(options.startedAt.getTime() + 10 * MINUTE)) : options.finishedAt,
    };
    this.facts.deployments.push(deployment);
    return deployment;
  }

  /** What the engine does when a rollback succeeds: the undone deployment becomes RolledBack. */
  rollBack(undone: DeploymentFact, to: DeploymentFact, startedAt: Date): DeploymentFact {
    undone.outcome = "RolledBack";
    const service = this.services.find((s) => s.id === undone.serviceId)!;
    const env = Object.entries(service.environments).find(([, e]) => e.id === undone.environmentId)![0];
    return this.deploy(service, to.artifactId, { env, startedAt, isRollback: true });
  }

  analysis(deployment: DeploymentFact, verdict: Verdict) {
    this.facts.analyses.push({ deploymentId: deployment.id, verdict });
  }

  incident(service: ServiceRef, options: { env?: string | null; deployment?: DeploymentFact; openedAt: Date; resolvedAt?: Date | null }): IncidentFact {
    const envName = options.env === undefined ? "prod" : options.env;
    const env = envName === null ? null : service.environments[envName]!;
    const incident: IncidentFact = {
      id: randomUUID(),
      serviceId: service.id,
      environmentId: env?.id ?? null,
      environmentIsProduction: env ? env.isProduction : null,
      deploymentId: options.deployment?.id ?? null,
      openedAt: options.openedAt,
      resolvedAt: options.resolvedAt ?? null,
    };
    this.facts.incidents.push(incident);
    return incident;
  }
}

export const PRODUCTION_SCOPE: DoraScope = { serviceIds: null, environments: { kind: "production" } };

export function aggregates(overrides: Partial<DoraAggregates>): DoraAggregates {
  return {
    deployments: 0,
    deployDays: 0,
    changes: 0,
    failedChanges: 0,
    leadTimeCommits: 0,
    leadTimeExcluded: 0,
    leadTimeMedianSeconds: null,
    leadTimeP90Seconds: null,
    failures: 0,
    restored: 0,
    restoreMedianSeconds: null,
    ...overrides,
  };
}

export interface Scenario {
  name: string;
  history: History;
  scope: (h: History) => DoraScope;
  period: Period;
  expected: DoraAggregates;
}

const WEEK_0: Period = { start: at(0), end: at(7) };
const s = (ms: number) => ms / 1000;

/** Each definition's edge cases, with the numbers worked out by hand. */
export function scenarios(): Scenario[] {
  const list: Scenario[] = [];
  const add = (name: string, build: (h: History) => { expected: DoraAggregates; scope?: (h: History) => DoraScope; period?: Period }) => {
    const history = new History();
    const { expected, scope, period } = build(history);
    list.push({ name, history, expected, scope: scope ?? (() => PRODUCTION_SCOPE), period: period ?? WEEK_0 });
  };

  add("empty range: nothing deployed, nothing failed", (h) => {
    const svc = h.service("quiet");
    // History outside the period must not leak in.
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(-10) }]), { startedAt: at(-9) });
    h.incident(svc, { openedAt: at(8), resolvedAt: at(8, 1) });
    return { expected: aggregates({}) };
  });

  add("one deployment", (h) => {
    const svc = h.service("single");
    const a = h.artifact(svc, [{ committedAt: at(1) }, { committedAt: at(1, 2) }]);
    h.deploy(svc, a, { startedAt: at(2), finishedAt: at(2, 0, 10) });
    // Lead times: 1 day 10 minutes and 22 hours 10 minutes.
    const long = s(DAY + 10 * MINUTE);
    const short = s(22 * HOUR + 10 * MINUTE);
    return {
      expected: aggregates({
        deployments: 1,
        deployDays: 1,
        changes: 1,
        leadTimeCommits: 2,
        leadTimeMedianSeconds: (long + short) / 2,
        leadTimeP90Seconds: short + 0.9 * (long - short),
      }),
    };
  });

  add("rollback of a rollback: the bad release counts once, the rollbacks never", (h) => {
    const svc = h.service("flip");
    const good = h.deploy(svc, h.artifact(svc, [{ committedAt: at(0, 1) }]), { startedAt: at(0, 2) });
    const bad = h.deploy(svc, h.artifact(svc, [{ committedAt: at(1, 1) }]), { startedAt: at(1, 2) });
    const back = h.rollBack(bad, good, at(1, 5)); // restores at 1d 5h 10m
    h.rollBack(back, bad, at(2, 0)); // someone decides the release was fine after all
    return {
      expected: aggregates({
        // good and bad are changes and both ran successfully (bad until it was rolled back).
        deployments: 2,
        deployDays: 2,
        changes: 2,
        failedChanges: 1,
        leadTimeCommits: 2,
        leadTimeMedianSeconds: s(HOUR + 10 * MINUTE),
        leadTimeP90Seconds: s(HOUR + 10 * MINUTE),
        failures: 1,
        restored: 1,
        // From the bad release's start to the first rollback's finish.
        restoreMedianSeconds: s(3 * HOUR + 10 * MINUTE),
      }),
    };
  });

  add("failed verification rolled back automatically: not a successful deployment", (h) => {
    const svc = h.service("verify");
    const good = h.deploy(svc, h.artifact(svc, [{ committedAt: at(-3) }]), { startedAt: at(-2) });
    const bad = h.deploy(svc, h.artifact(svc, [{ committedAt: at(1) }]), { startedAt: at(1, 1), finishedAt: at(1, 1, 15) });
    h.analysis(bad, "Fail");
    h.rollBack(bad, good, at(1, 1, 16)); // finishes 1d 1h 26m
    // Later re-deployed (rolled forward) by a rollback to it: its commit arrives then.
    const forward = h.deploy(svc, bad.artifactId, { startedAt: at(3), isRollback: true });
    void forward;
    return {
      expected: aggregates({
        deployments: 0,
        deployDays: 0,
        changes: 1,
        failedChanges: 1,
        leadTimeCommits: 1,
        leadTimeMedianSeconds: s(2 * DAY + 10 * MINUTE),
        leadTimeP90Seconds: s(2 * DAY + 10 * MINUTE),
        failures: 1,
        restored: 1,
        restoreMedianSeconds: s(26 * MINUTE),
      }),
    };
  });

  add("incident without deployment: time to restore, not change failure rate", (h) => {
    const svc = h.service("upstream");
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(0) }]), { startedAt: at(0, 1) });
    h.incident(svc, { openedAt: at(3), resolvedAt: at(3, 2) });
    // Without an environment it is a production incident; a still-open one is unresolved.
    h.incident(svc, { env: null, openedAt: at(4), resolvedAt: at(4, 4) });
    h.incident(svc, { openedAt: at(5) });
    // Staging incidents are not production's.
    h.incident(svc, { env: "staging", openedAt: at(5), resolvedAt: at(5, 1) });
    return {
      expected: aggregates({
        deployments: 1,
        deployDays: 1,
        changes: 1,
        failedChanges: 0,
        leadTimeCommits: 1,
        leadTimeMedianSeconds: s(HOUR + 10 * MINUTE),
        leadTimeP90Seconds: s(HOUR + 10 * MINUTE),
        failures: 3,
        restored: 2,
        restoreMedianSeconds: s(3 * HOUR),
      }),
    };
  });

  add("commits shipped twice: counted once, at their first successful deployment", (h) => {
    const svc = h.service("twice");
    const shared = h.sha();
    const early = h.sha();
    // Shipped before the period: not a commit of this period even though it ships again in it.
    h.deploy(svc, h.artifact(svc, [{ sha: early, committedAt: at(-5) }]), { startedAt: at(-4) });
    // First build with `shared` failed to roll out; the second build succeeded; the third repeats it.
    h.deploy(svc, h.artifact(svc, [{ sha: shared, committedAt: at(0) }]), { startedAt: at(1), outcome: "Failed" });
    h.deploy(svc, h.artifact(svc, [{ sha: shared, committedAt: at(0) }, { sha: early, committedAt: at(-5) }]), { startedAt: at(2) });
    h.deploy(svc, h.artifact(svc, [{ sha: shared, committedAt: at(0) }]), { startedAt: at(3) });
    return {
      expected: aggregates({
        deployments: 2,
        deployDays: 2,
        changes: 3,
        failedChanges: 1,
        leadTimeCommits: 1,
        leadTimeMedianSeconds: s(2 * DAY + 10 * MINUTE),
        leadTimeP90Seconds: s(2 * DAY + 10 * MINUTE),
        failures: 1,
        restored: 1,
        // The failed rollout (started day 1) is restored by the next success (finished day 2 + 10m).
        restoreMedianSeconds: s(DAY + 10 * MINUTE),
      }),
    };
  });

  add("non-positive lead times are excluded", (h) => {
    const svc = h.service("skew");
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(1, 3) }, { committedAt: at(1, 0, 10) }, { committedAt: at(0, 22) }]), { startedAt: at(1), finishedAt: at(1, 0, 10) });
    return {
      expected: aggregates({
        deployments: 1,
        deployDays: 1,
        changes: 1,
        leadTimeCommits: 1,
        leadTimeExcluded: 2,
        leadTimeMedianSeconds: s(2 * HOUR + 10 * MINUTE),
        leadTimeP90Seconds: s(2 * HOUR + 10 * MINUTE),
      }),
    };
  });

  add("every failure signal on one deployment counts it once (never above 100 %)", (h) => {
    const svc = h.service("cursed");
    const d = h.deploy(svc, h.artifact(svc, [{ committedAt: at(0) }]), { startedAt: at(1), outcome: "Failed" });
    h.analysis(d, "Fail");
    h.analysis(d, "Fail");
    h.incident(svc, { deployment: d, openedAt: at(1, 0, 5), resolvedAt: at(1, 1, 5) });
    h.incident(svc, { deployment: d, openedAt: at(1, 0, 6), resolvedAt: at(1, 3, 6) });
    return {
      expected: aggregates({
        changes: 1,
        failedChanges: 1,
        // Measured by its incidents, not by the deployment.
        failures: 2,
        restored: 2,
        restoreMedianSeconds: s(2 * HOUR),
      }),
    };
  });

  add("an incident linked to a successful release makes it a failed change", (h) => {
    const svc = h.service("linked");
    const ok = h.deploy(svc, h.artifact(svc, [{ committedAt: at(0) }]), { startedAt: at(0, 1) });
    const blamed = h.deploy(svc, h.artifact(svc, [{ committedAt: at(1) }]), { startedAt: at(1, 1) });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(2) }]), { startedAt: at(2, 1) });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(3) }]), { startedAt: at(3, 1) });
    h.incident(svc, { deployment: blamed, openedAt: at(1, 4), resolvedAt: at(1, 4, 30) });
    void ok;
    return {
      expected: aggregates({
        deployments: 4,
        deployDays: 4,
        changes: 4,
        failedChanges: 1,
        leadTimeCommits: 4,
        leadTimeMedianSeconds: s(HOUR + 10 * MINUTE),
        leadTimeP90Seconds: s(HOUR + 10 * MINUTE),
        failures: 1,
        restored: 1,
        restoreMedianSeconds: s(30 * MINUTE),
      }),
    };
  });

  add("a failed rollout with nothing after it is still failing", (h) => {
    const svc = h.service("stuck");
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(0) }]), { startedAt: at(0, 2) });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(1) }]), { startedAt: at(1, 2), outcome: "Failed" });
    // In progress deployments are neither changes nor restores yet.
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(2) }]), { startedAt: at(2, 2), outcome: "InProgress" });
    return {
      expected: aggregates({
        deployments: 1,
        deployDays: 1,
        changes: 2,
        failedChanges: 1,
        leadTimeCommits: 1,
        leadTimeMedianSeconds: s(2 * HOUR + 10 * MINUTE),
        leadTimeP90Seconds: s(2 * HOUR + 10 * MINUTE),
        failures: 1,
        restored: 0,
      }),
    };
  });

  add("period edges: start included, end excluded; staging ignored in production scope", (h) => {
    const svc = h.service("edges");
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(-1) }]), { startedAt: at(-1, 23, 50), finishedAt: at(0) });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(6) }]), { startedAt: at(6, 23, 55), finishedAt: at(7) });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(2) }]), { env: "staging", startedAt: at(3) });
    return {
      expected: aggregates({
        deployments: 1,
        deployDays: 1,
        changes: 1,
        leadTimeCommits: 1,
        leadTimeMedianSeconds: s(DAY),
        leadTimeP90Seconds: s(DAY),
      }),
    };
  });

  add("named environment and service scope", (h) => {
    const a = h.service("scoped-a");
    const b = h.service("scoped-b");
    h.deploy(a, h.artifact(a, [{ committedAt: at(1) }]), { env: "staging", startedAt: at(1, 1) });
    h.deploy(a, h.artifact(a, [{ committedAt: at(2) }]), { env: "prod", startedAt: at(2, 1) });
    h.deploy(b, h.artifact(b, [{ committedAt: at(1) }]), { env: "staging", startedAt: at(1, 3), outcome: "Failed" });
    h.incident(a, { env: "staging", openedAt: at(4), resolvedAt: at(4, 0, 20) });
    h.incident(a, { env: null, openedAt: at(4), resolvedAt: at(4, 5) });
    return {
      scope: (hist) => ({ serviceIds: [hist.services[0]!.id], environments: { kind: "environments", ids: [hist.services[0]!.environments.staging!.id] } }),
      expected: aggregates({
        deployments: 1,
        deployDays: 1,
        changes: 1,
        leadTimeCommits: 1,
        leadTimeMedianSeconds: s(HOUR + 10 * MINUTE),
        leadTimeP90Seconds: s(HOUR + 10 * MINUTE),
        failures: 1,
        restored: 1,
        restoreMedianSeconds: s(20 * MINUTE),
      }),
    };
  });

  return list;
}
