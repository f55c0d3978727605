import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { DoraFacts, IncidentFact } from "@/lib/dora/definitions";
import type { History } from "../unit/dora/history";

/** Inserts a test History as real rows (team, services, environments, artifacts, …). */
export async function insertHistory(db: Db, history: History) {
  const team = await db.team.create({ data: { slug: `dora-${randomUUID().slice(0, 8)}`, name: "DORA fixture" } });
  for (const service of history.services) {
    await db.service.create({
      data: { id: service.id, slug: `${service.name}-${service.id.slice(0, 6)}`, name: service.name, teamId: team.id, imageRepository: "registry.example.com/dora" },
    });
    let position = 0;
    for (const [name, env] of Object.entries(history.services.find((s) => s.id === service.id)!.environments)) {
      await db.environment.create({
        data: { id: env.id, serviceId: service.id, name, position: position++, isProduction: env.isProduction, namespace: name, workloadName: service.name, containerName: "app" },
      });
    }
  }
  await db.artifact.createMany({
    data: history.artifacts.map((a, i) => ({
      id: a.id,
      serviceId: a.serviceId,
      version: `1.${i}.0`,
      gitSha: "f".repeat(40),
      commitTime: new Date(0),
      imageRepository: "registry.example.com/dora",
      imageDigest: `sha256:${a.id.replaceAll("-", "").padEnd(64, "0")}`,
    })),
  });
  await insertFacts(db, history.facts);
  return team;
}

export async function insertFacts(db: Db, facts: DoraFacts) {
  await db.artifactCommit.createMany({
    data: facts.commits.map((c) => ({ artifactId: c.artifactId, sha: c.sha, message: `change ${c.sha.slice(-4)}`, authorName: "Dev", authorEmail: "dev@example.com", committedAt: c.committedAt })),
  });
  await db.deployment.createMany({
    data: facts.deployments.map((d) => ({
      id: d.id,
      environmentId: d.environmentId,
      serviceId: d.serviceId,
      isProduction: d.isProduction,
      artifactId: d.artifactId,
      isRollback: d.isRollback,
      outcome: d.outcome,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
    })),
  });
  const epoch = new Date(0);
  await db.analysis.createMany({
    data: facts.analyses.map((a) => ({
      deploymentId: a.deploymentId,
      status: a.verdict ? "Completed" : "Running",
      verdict: a.verdict,
      baselineStart: epoch,
      baselineEnd: epoch,
      canaryStart: epoch,
      canaryEnd: epoch,
      template: {},
    })),
  });
  await db.incident.createMany({
    data: facts.incidents.map((i) => ({
      id: i.id,
      serviceId: i.serviceId,
      environmentId: i.environmentId,
      deploymentId: i.deploymentId,
      title: "incident",
      openedAt: i.openedAt,
      resolvedAt: i.resolvedAt,
    })),
  });
}

/** Everything the reference definitions need, read back from the database (tests only). */
export async function loadFacts(db: Db): Promise<DoraFacts> {
  const [deployments, commits, analyses, incidents] = await Promise.all([
    db.deployment.findMany({ select: { id: true, serviceId: true, environmentId: true, isProduction: true, artifactId: true, isRollback: true, outcome: true, startedAt: true, finishedAt: true } }),
    db.artifactCommit.findMany({ select: { artifactId: true, sha: true, committedAt: true } }),
    db.analysis.findMany({ select: { deploymentId: true, verdict: true } }),
    db.incident.findMany({ select: { id: true, serviceId: true, environmentId: true, deploymentId: true, openedAt: true, resolvedAt: true, environment: { select: { isProduction: true } } } }),
  ]);
  return {
    deployments,
    commits,
    analyses,
    incidents: incidents.map(({ environment, ...i }): IncidentFact => ({ ...i, environmentIsProduction: environment?.isProduction ?? null })),
  };
}

export async function truncateHistory(db: Db) {
  await db.$executeRawUnsafe(`TRUNCATE "Incident", "AnalysisMetricResult", "Analysis", "Deployment", "Approval", "Promotion", "ArtifactCommit", "Artifact", "Environment", "Service", "Team" CASCADE`);
}
