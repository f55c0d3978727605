import pg from "pg";

export interface PipelineHistoryOptions {
  services: number;
  teams: number;
  days: number;
  buildsPerDay: number;
  /** Repeatable: same seed, same rows (apart from ids). */
  seed?: number;
  now?: Date;
}

export interface PipelineHistory {
  teamSlugs: string[];
  serviceSlugs: string[];
  counts: Record<string, number>;
}

export const ENVIRONMENTS = [
  // name, position, share of builds that reach it (given success before), delay after the build
  { name: "dev", reach: 1, delay: "10 minutes" },
  { name: "qa", reach: 0.85, delay: "1 hour" },
  { name: "staging", reach: 0.7, delay: "3 hours" },
  { name: "prod", reach: 0.55, delay: "6 hours" },
] as const;

/**
 * A busy organisation's pipelines, generated inside Postgres (fast, repeatable with setseed):
 * `services` services over `teams` teams, each with dev → qa → staging → prod, and `days` of
 * history: `buildsPerDay` builds per service, every build deployed to dev, a share taken on to each
 * next stage through a promotion, 3 % of rollouts failing, 5 % of prod releases rolled back
 * (a rollback promotion and deployment to the build before), a verification analysis with a
 * verdict for every staging and prod release, two commits per build, and one promotion per
 * service waiting for approval into prod. Environments name no cluster.
 */
export async function generatePipelineHistory(connectionString: string, options: PipelineHistoryOptions): Promise<PipelineHistory> {
  const client = new pg.Client({ connectionString, application_name: "gantry-bench" });
  await client.connect();
  const now = options.now ?? new Date();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  try {
    await q(`SELECT setseed($1)`, [options.seed ?? 0.2026]);
    await q(`INSERT INTO "Team" (id, slug, name, "updatedAt") SELECT gen_random_uuid(), 'bench-team-' || t, 'Bench team ' || t, now() FROM generate_series(0, $1 - 1) t`, [options.teams]);
    await q(
      `INSERT INTO "Service" (id, slug, name, "teamId", "imageRepository", "updatedAt")
       SELECT gen_random_uuid(), 'bench-svc-' || s, 'Bench service ' || s, (SELECT id FROM "Team" WHERE slug = 'bench-team-' || (s % $2)), 'registry.example.com/bench/svc-' || s, now()
       FROM generate_series(0, $1 - 1) s`,
      [options.services, options.teams],
    );
    await q(
      `INSERT INTO "Environment" (id, "serviceId", name, position, "isProduction", namespace, "workloadName", "containerName", "requiredApprovals", "updatedAt")
       SELECT gen_random_uuid(), s.id, e.name, e.position - 1, e.name = 'prod', s.slug || '-' || e.name, s.slug, 'app', CASE WHEN e.name = 'prod' THEN 1 ELSE 0 END, now()
       FROM "Service" s, unnest($1::text[]) WITH ORDINALITY AS e(name, position)
       WHERE s.slug LIKE 'bench-svc-%'`,
      [ENVIRONMENTS.map((e) => e.name)],
    );

    const builds = Math.round(options.days * options.buildsPerDay);
    await q(
      `CREATE UNLOGGED TABLE bench_build AS
       SELECT gen_random_uuid() AS id, s.id AS service_id, s."imageRepository" AS repository, k,
              $2::timestamptz - make_interval(days => $3) + make_interval(secs => k * ($3 * 86400.0 / $1) + random() * 1800) AS built_at,
              random() AS r_reach, random() AS r_outcome, random() AS r_verdict, random() AS r_delay
       FROM "Service" s, generate_series(0, $1 - 1) k
       WHERE s.slug LIKE 'bench-svc-%'`,
      [builds, now, options.days],
    );
    await q(`CREATE INDEX ON bench_build (service_id, k)`);
    await q(
      `INSERT INTO "Artifact" (id, "serviceId", version, "gitSha", "commitTime", "imageRepository", "imageDigest", "createdAt")
       SELECT id, service_id, '1.' || k || '.0', md5(id::text) || left(md5(k::text), 8), built_at - interval '5 minutes', repository,
              'sha256:' || md5(id::text) || md5(id::text || 'digest'), built_at
       FROM bench_build`,
    );
    await q(
      `INSERT INTO "ArtifactCommit" (id, "artifactId", sha, message, "authorName", "authorEmail", "committedAt")
       SELECT gen_random_uuid(), b.id, md5(b.id::text || c) || left(md5(c::text), 8), 'change ' || c || ' of build ' || b.k, 'Dev ' || (b.k % 9), 'dev' || (b.k % 9) || '@example.com',
              b.built_at - make_interval(mins => 10 + 60 * c)
       FROM bench_build b, generate_series(0, 1) c`,
    );

    // One row per deployment: a build reaches a stage if it succeeded in the one before.
    await q(`CREATE UNLOGGED TABLE bench_deploy (deployment_id uuid, promotion_id uuid, build_id uuid, service_id uuid, k int, stage int, started_at timestamptz, outcome text, r_verdict float8)`);
    for (const [stage, environment] of ENVIRONMENTS.entries()) {
      const source = stage === 0 ? `bench_build b` : `bench_deploy p JOIN bench_build b ON b.id = p.build_id`;
      const where = stage === 0 ? `true` : `p.stage = ${stage - 1} AND p.outcome = 'Succeeded' AND random() < ${environment.reach}`;
      await q(
        `INSERT INTO bench_deploy
         SELECT gen_random_uuid(), gen_random_uuid(), b.id, b.service_id, b.k, ${stage},
                b.built_at + interval '${environment.delay}' + make_interval(secs => b.r_delay * ${stage === 3 ? 2 * 86400 : 1800}),
                CASE WHEN random() < 0.03 THEN 'Failed' WHEN ${stage === 3} AND random() < 0.05 THEN 'RolledBack' ELSE 'Succeeded' END,
                random()
         FROM ${source} WHERE ${where}`,
      );
    }
    await q(`DELETE FROM bench_deploy WHERE started_at > $1::timestamptz - interval '1 hour'`, [now]);
    await q(`CREATE TABLE bench_environment AS SELECT id, "serviceId" AS service_id, position AS stage, "isProduction" AS production FROM "Environment" WHERE namespace LIKE 'bench-svc-%'`);
    await q(
      `INSERT INTO "Promotion" (id, "environmentId", "artifactId", kind, status, reason, "createdAt", "updatedAt", "approvedAt", "queuedAt", "startedAt", "finishedAt")
       SELECT d.promotion_id, e.id, d.build_id, 'Promotion', d.outcome::"PromotionStatus", '', d.started_at - interval '2 minutes', d.started_at + interval '12 minutes',
              d.started_at - interval '1 minute', d.started_at - interval '1 minute', d.started_at, d.started_at + interval '12 minutes'
       FROM bench_deploy d JOIN bench_environment e ON e.service_id = d.service_id AND e.stage = d.stage`,
    );
    await q(
      `INSERT INTO "Deployment" (id, "environmentId", "serviceId", "isProduction", "artifactId", "previousArtifactId", "promotionId", outcome, "startedAt", "finishedAt")
       SELECT d.deployment_id, e.id, d.service_id, e.production, d.build_id, prev.id, d.promotion_id, d.outcome::"DeploymentOutcome", d.started_at, d.started_at + interval '4 minutes'
       FROM bench_deploy d JOIN bench_environment e ON e.service_id = d.service_id AND e.stage = d.stage
       LEFT JOIN bench_build prev ON prev.service_id = d.service_id AND prev.k = d.k - 1`,
    );
    await q(
      `INSERT INTO "Analysis" (id, "deploymentId", "promotionId", status, verdict, score, summary, "baselineStart", "baselineEnd", "canaryStart", "canaryEnd", template, "createdAt", "finishedAt")
       SELECT gen_random_uuid(), d.deployment_id, d.promotion_id, 'Completed',
              CASE WHEN d.outcome = 'RolledBack' THEN 'Fail' WHEN d.r_verdict < 0.08 THEN 'Marginal' ELSE 'Pass' END::"AnalysisVerdict",
              CASE WHEN d.outcome = 'RolledBack' THEN 20 WHEN d.r_verdict < 0.08 THEN 70 ELSE 100 END,
              'generated', d.started_at - interval '15 minutes', d.started_at, d.started_at + interval '5 minutes', d.started_at + interval '15 minutes', '{}',
              d.started_at + interval '4 minutes', d.started_at + interval '16 minutes'
       FROM bench_deploy d WHERE d.stage >= 2 AND d.outcome <> 'Failed'`,
    );
    // A regression found by verification is rolled back to the build before it.
    await q(
      `WITH r AS (
         SELECT gen_random_uuid() AS rb_deployment, gen_random_uuid() AS rb_promotion, d.build_id, d.service_id, d.stage, d.started_at, prev.id AS target_id
         FROM bench_deploy d JOIN bench_build prev ON prev.service_id = d.service_id AND prev.k = d.k - 1
         WHERE d.outcome = 'RolledBack'
       ), p AS (
         INSERT INTO "Promotion" (id, "environmentId", "artifactId", kind, status, reason, "createdAt", "updatedAt", "approvedAt", "queuedAt", "startedAt", "finishedAt")
         SELECT r.rb_promotion, e.id, r.target_id, 'Rollback', 'Succeeded', 'verification failed', r.started_at + interval '17 minutes', r.started_at + interval '21 minutes',
                r.started_at + interval '17 minutes', r.started_at + interval '17 minutes', r.started_at + interval '17 minutes', r.started_at + interval '21 minutes'
         FROM r JOIN bench_environment e ON e.service_id = r.service_id AND e.stage = r.stage
         RETURNING id
       )
       INSERT INTO "Deployment" (id, "environmentId", "serviceId", "isProduction", "artifactId", "previousArtifactId", "promotionId", "isRollback", outcome, "startedAt", "finishedAt")
       SELECT r.rb_deployment, e.id, r.service_id, true, r.target_id, r.build_id, r.rb_promotion, true, 'Succeeded', r.started_at + interval '17 minutes', r.started_at + interval '21 minutes'
       FROM r JOIN bench_environment e ON e.service_id = r.service_id AND e.stage = r.stage`,
    );
    // Something to approve: the newest build that passed staging, waiting for prod.
    await q(
      `INSERT INTO "Promotion" (id, "environmentId", "artifactId", kind, status, reason, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), e.id, latest.build_id, 'Promotion', 'PendingApproval', 'weekly release', $1::timestamptz - interval '30 minutes', $1::timestamptz - interval '30 minutes'
       FROM bench_environment e
       CROSS JOIN LATERAL (SELECT build_id FROM bench_deploy d WHERE d.service_id = e.service_id AND d.stage = 2 AND d.outcome = 'Succeeded' ORDER BY d.started_at DESC LIMIT 1) latest
       WHERE e.production`,
      [now],
    );
    await q(`DROP TABLE bench_build, bench_deploy, bench_environment`);
    await q(`VACUUM ANALYZE`);

    const counts = (
      await q(
        `SELECT (SELECT count(*) FROM "Service")::int AS services, (SELECT count(*) FROM "Environment")::int AS environments,
                (SELECT count(*) FROM "Artifact")::int AS artifacts, (SELECT count(*) FROM "ArtifactCommit")::int AS commits,
                (SELECT count(*) FROM "Promotion")::int AS promotions, (SELECT count(*) FROM "Deployment")::int AS deployments,
                (SELECT count(*) FROM "Analysis")::int AS analyses`,
      )
    ).rows[0] as Record<string, number>;
    const serviceSlugs = (await q(`SELECT slug FROM "Service" WHERE slug LIKE 'bench-svc-%' ORDER BY slug`)).rows.map((r) => r.slug as string);
    const teamSlugs = (await q(`SELECT slug FROM "Team" WHERE slug LIKE 'bench-team-%' ORDER BY slug`)).rows.map((r) => r.slug as string);
    return { teamSlugs, serviceSlugs, counts };
  } finally {
    await client.end();
  }
}

export function describeHistory(history: PipelineHistory) {
  const c = history.counts;
  const n = (x: number | undefined) => (x ?? 0).toLocaleString("en");
  return `${n(c.services)} services, ${n(c.environments)} environments, ${n(c.artifacts)} artifacts, ${n(c.commits)} commits, ${n(c.promotions)} promotions, ${n(c.deployments)} deployments, ${n(c.analyses)} analyses`;
}
