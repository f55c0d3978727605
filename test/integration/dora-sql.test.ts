import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import type { DoraAggregates } from "@/lib/dora/classify";
import { computeAggregates, computeWeekly, type DoraScope, type Outcome, type Period } from "@/lib/dora/definitions";
import { queryAggregates } from "@/lib/dora/queries";
import { seedDemoData } from "@/lib/seed/demo-data";
import { createEmptyDatabase } from "../helpers/database";
import { at, DAY, History, HOUR, MINUTE, PRODUCTION_SCOPE, scenarios } from "../unit/dora/history";
import { insertHistory, loadFacts, truncateHistory } from "./dora-fixtures";

/**
 * The SQL aggregations (lib/dora/queries.ts) against the definitions: the hand-worked edge cases,
 * random histories, and the demo organisation, each compared number by number.
 */

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createEmptyDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** Seconds come back from Postgres as float8: compare them to the millisecond. */
function comparable(a: DoraAggregates) {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  return { ...a, leadTimeMedianSeconds: round(a.leadTimeMedianSeconds), leadTimeP90Seconds: round(a.leadTimeP90Seconds), restoreMedianSeconds: round(a.restoreMedianSeconds) };
}

function previousOf(period: Period): Period {
  const length = period.end.getTime() - period.start.getTime();
  return { start: new Date(period.start.getTime() - length), end: period.start };
}

async function expectSqlToMatchReference(scope: DoraScope, period: Period) {
  const facts = await loadFacts(db);
  const window = { current: period, previous: previousOf(period) };
  const sql = await queryAggregates(db, scope, window);
  expect(comparable(sql.current)).toEqual(comparable(computeAggregates(facts, scope, period)));
  expect(comparable(sql.previous)).toEqual(comparable(computeAggregates(facts, scope, window.previous)));
  for (const week of computeWeekly(facts, scope, period)) {
    const fromSql = sql.weekly.get(week.weekStart.toISOString());
    const empty = week.aggregates.changes === 0 && week.aggregates.failures === 0 && week.aggregates.leadTimeCommits + week.aggregates.leadTimeExcluded === 0;
    if (empty && !fromSql) continue;
    expect(fromSql && comparable(fromSql), `week of ${week.weekStart.toISOString()}`).toEqual(comparable(week.aggregates));
  }
}

describe("DORA SQL", () => {
  describe("edge cases, computed by Postgres", () => {
    for (const scenario of scenarios()) {
      it(scenario.name, async () => {
        await truncateHistory(db);
        await insertHistory(db, scenario.history);
        const scope = scenario.scope(scenario.history);
        const result = await queryAggregates(db, scope, { current: scenario.period, previous: previousOf(scenario.period) });
        expect(comparable(result.current)).toEqual(comparable(scenario.expected));
        await expectSqlToMatchReference(scope, scenario.period);
      });
    }
  });

  it("agrees with the definitions on random histories", async () => {
    const outcome = fc.constantFrom<Outcome>("Succeeded", "Succeeded", "Succeeded", "Failed", "RolledBack", "InProgress");
    const event = fc.record({
      service: fc.integer({ min: 0, max: 1 }),
      env: fc.constantFrom("prod", "prod", "staging"),
      day: fc.integer({ min: -10, max: 20 }),
      minute: fc.integer({ min: 0, max: 1439 }),
      durationMinutes: fc.integer({ min: 1, max: 90 }),
      outcome,
      rollback: fc.boolean(),
      verdict: fc.constantFrom(null, "Pass", "Fail", "Marginal"),
      incident: fc.constantFrom("none", "none", "linked", "standalone", "open"),
      commitHoursBefore: fc.array(fc.integer({ min: -5, max: 200 }), { minLength: 0, maxLength: 3 }),
      reuseCommit: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 12 }), async (events, startDay, lengthDays) => {
        await truncateHistory(db);
        const h = new History();
        const services = [h.service("p0"), h.service("p1")];
        // A commit has one commit time, whichever builds carry it.
        const committed = new Map<string, Date>();
        let last: string | undefined;
        for (const e of events) {
          const svc = services[e.service]!;
          const startedAt = new Date(at(e.day).getTime() + e.minute * MINUTE);
          const commits = e.commitHoursBefore.map((hours, i) => {
            const sha = i === 0 && e.reuseCommit && last ? last : h.sha();
            if (!committed.has(sha)) committed.set(sha, new Date(startedAt.getTime() - hours * HOUR));
            return { sha, committedAt: committed.get(sha)! };
          });
          const artifact = h.artifact(svc, commits);
          last = commits.at(-1)?.sha ?? last;
          const deployment = h.deploy(svc, artifact, {
            env: e.env,
            startedAt,
            finishedAt: e.outcome === "InProgress" ? null : new Date(startedAt.getTime() + e.durationMinutes * MINUTE),
            outcome: e.outcome,
            isRollback: e.rollback,
          });
          if (e.verdict) h.analysis(deployment, e.verdict);
          const openedAt = new Date(startedAt.getTime() + 5 * MINUTE);
          if (e.incident === "linked") h.incident(svc, { env: e.env, deployment, openedAt, resolvedAt: new Date(openedAt.getTime() + e.durationMinutes * 3 * MINUTE) });
          if (e.incident === "standalone") h.incident(svc, { env: e.minute % 3 === 0 ? null : e.env, openedAt, resolvedAt: new Date(openedAt.getTime() + HOUR) });
          if (e.incident === "open") h.incident(svc, { env: e.env, openedAt });
        }
        await insertHistory(db, h);
        const period = { start: at(startDay), end: at(startDay + lengthDays) };
        await expectSqlToMatchReference(PRODUCTION_SCOPE, period);
        await expectSqlToMatchReference({ serviceIds: [services[1]!.id], environments: { kind: "production" } }, period);
        await expectSqlToMatchReference(
          { serviceIds: services.map((s) => s.id), environments: { kind: "environments", ids: services.map((s) => s.environments.staging!.id) } },
          period,
        );
      }),
      { numRuns: 30 },
    );
  }, 240_000);

  describe("on the demo organisation", () => {
    let teams: { id: string; slug: string }[];
    let services: { id: string; slug: string }[];
    let now: Date;

    beforeAll(async () => {
      await truncateHistory(db);
      now = new Date();
      await seedDemoData(db, { now });
      teams = await db.team.findMany({ select: { id: true, slug: true } });
      services = await db.service.findMany({ select: { id: true, slug: true } });
    }, 120_000);

    const lastDays = (days: number): Period => ({ start: new Date(now.getTime() - days * DAY), end: now });

    it("matches for everything, per team and per service, over 30 and 90 days", async () => {
      for (const period of [lastDays(30), lastDays(90)]) {
        await expectSqlToMatchReference(PRODUCTION_SCOPE, period);
        for (const team of teams) {
          const ids = (await db.service.findMany({ where: { teamId: team.id }, select: { id: true } })).map((s) => s.id);
          await expectSqlToMatchReference({ serviceIds: ids, environments: { kind: "production" } }, period);
        }
        for (const service of services) await expectSqlToMatchReference({ serviceIds: [service.id], environments: { kind: "production" } }, period);
      }
    });

    it("matches for a named environment", async () => {
      const staging = (await db.environment.findMany({ where: { name: "staging" }, select: { id: true } })).map((e) => e.id);
      await expectSqlToMatchReference({ serviceIds: null, environments: { kind: "environments", ids: staging } }, lastDays(45));
    });

    it("gives the two teams different profiles", async () => {
      const result: Record<string, DoraAggregates> = {};
      for (const team of teams) {
        const ids = (await db.service.findMany({ where: { teamId: team.id }, select: { id: true } })).map((s) => s.id);
        result[team.slug] = (await queryAggregates(db, { serviceIds: ids, environments: { kind: "production" } }, { current: lastDays(84), previous: lastDays(168) })).current;
      }
      const payments = result.payments!;
      const growth = result.growth!;
      expect(payments.deployments).toBeGreaterThan(5 * growth.deployments);
      expect(payments.leadTimeMedianSeconds!).toBeLessThan(DAY / 1000);
      expect(growth.leadTimeMedianSeconds!).toBeGreaterThan(DAY / 1000);
      expect(payments.failedChanges / payments.changes).toBeLessThan(growth.failedChanges / growth.changes);
    });
  });
});
