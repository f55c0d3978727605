import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import type { AnalysisVerdict, DeploymentOutcome, PromotionKind, PromotionStatus, Role } from "@/lib/db/generated/enums";
import {
  ENVIRONMENT_NAMES,
  IMAGE_REGISTRY,
  PROFILES,
  SANDBOX_CLUSTERS,
  SANDBOX_PLACEMENT,
  sandboxClusterUrl,
  SERVICES,
  TEAMS,
  type DeliveryProfile,
  type EnvironmentName,
  type ServiceSpec,
  type TeamSpec,
} from "./catalog";
import { DEMO_USERS, type DemoUserEmail } from "./demo-users";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { renderTemplate, type RenderedTemplate } from "@/lib/metrics/template";
import { Prng } from "./prng";
import { simulateAnalysis } from "./verification-samples";

/**
 * Builds ~90 days of coherent release history for the demo organisation, as rows ready for
 * `createMany`. Pure apart from id generation: no I/O, no clock (the caller passes `now`).
 *
 * The history is simulated per service, in time order: builds on main are registered by CI and
 * deployed to dev, some are taken to staging, and (after the soak time and the approval quorum)
 * some to prod, where verification compares metrics and regressions are rolled back. Every
 * environment therefore has one unambiguous running artifact, and a few live items are left for
 * the UI: promotions awaiting approval and one queued.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const HISTORY_DAYS = 90;
/** Minutes of pre-release metrics each verification compares against. */
const BASELINE_MINUTES = 15;

type WithId<T> = T & { id: string };

export interface DemoDataset {
  users: WithId<Prisma.UserCreateManyInput>[];
  teams: WithId<Prisma.TeamCreateManyInput>[];
  memberships: Prisma.TeamMembershipCreateManyInput[];
  clusters: WithId<Prisma.ClusterCreateManyInput>[];
  services: WithId<Prisma.ServiceCreateManyInput>[];
  environments: WithId<Prisma.EnvironmentCreateManyInput>[];
  environmentClusters: Prisma.EnvironmentClusterCreateManyInput[];
  roleBindings: WithId<Prisma.RoleBindingCreateManyInput>[];
  apiTokens: WithId<Prisma.ApiTokenCreateManyInput>[];
  artifacts: WithId<Prisma.ArtifactCreateManyInput>[];
  commits: WithId<Prisma.ArtifactCommitCreateManyInput>[];
  promotions: WithId<Prisma.PromotionCreateManyInput>[];
  approvals: WithId<Prisma.ApprovalCreateManyInput>[];
  deployments: (WithId<Prisma.DeploymentCreateManyInput> & { promotionId: string | null; previousArtifactId: string | null })[];
  analyses: WithId<Prisma.AnalysisCreateManyInput>[];
  metricResults: WithId<Prisma.AnalysisMetricResultCreateManyInput>[];
  incidents: WithId<Prisma.IncidentCreateManyInput>[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
}

export interface GenerateOptions {
  now: Date;
  /** argon2id hash per demo user email. */
  passwordHashes: Record<string, string>;
  /** Reuse existing sandbox cluster rows (id by name) instead of creating them. */
  existingClusterIds?: Record<string, string>;
  newId?: () => string;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Hour-aligned, so two runs within the same hour produce the same timestamps. */
export function demoClock(now: Date) {
  return Math.floor(now.getTime() / HOUR) * HOUR;
}

// ---------------------------------------------------------------- simulation state

interface EnvState {
  id: string;
  name: EnvironmentName;
  isProduction: boolean;
  requiredApprovals: number;
  minSoakMinutes: number;
  verificationMinutes: number;
  /** The verification template rendered for this environment; null = not verified. */
  template: RenderedTemplate | null;
  approverEmails: DemoUserEmail[];
  /** No new deployment may start before this (the previous one is still running). */
  busyUntil: number;
  /** Requests are made in artifact order; keeps later artifacts from overtaking earlier ones. */
  lastRequestAt: number;
  running: ArtifactState | null;
}

interface ArtifactState {
  id: string;
  version: string;
  imageDigest: string;
  authorEmails: Set<string>;
  headline: string;
  /** When the artifact finished deploying successfully, per environment. */
  succeededAt: Partial<Record<EnvironmentName, number>>;
}

interface Actor {
  userId: string | null;
  tokenId: string | null;
  label: string;
}

interface ServiceState {
  spec: ServiceSpec;
  team: TeamSpec;
  profile: DeliveryProfile;
  id: string;
  rng: Prng;
  envs: Record<EnvironmentName, EnvState>;
  version: [number, number, number];
  buildNumber: number;
  ciToken: { id: string; name: string; ownerEmail: string };
  /** The most recent staged artifact not proposed for prod: a candidate for a superseded request. */
  skippedForProd: ArtifactState | null;
  nextProdAllowedAt: number;
  lastBuildAt: number;
  lastHeadCommitAt: number;
  /** Accumulated expected change failures not yet realised (see prodOutcome). */
  failureDebt: number;
  regressionDebt: number;
}

type Outcome = "success" | "rolloutFailure" | "regression";

/** The system actor lib/domain/promotions uses for the promotion engine's own transitions. */
const ENGINE = { userId: null, tokenId: null, label: "system:promotion-engine" } as const;

interface PromotionPlan {
  requester: Actor;
  reason: string;
  idempotencyKey?: string;
  outcome?: Outcome;
  /** Ends awaiting approval with this many approvals, or queued (live items). */
  live?: { status: "PendingApproval"; approvals: number } | { status: "Queued" };
  rejected?: boolean;
  aborted?: boolean;
  supersededAt?: number;
  approvals?: number;
}

class DemoHistory {
  readonly data: DemoDataset;
  private readonly newId: () => string;
  private readonly users = new Map<string, { id: string; name: string }>();
  private readonly now: number;
  private readonly start: number;

  constructor(private readonly options: GenerateOptions) {
    this.newId = options.newId ?? randomUUID;
    this.now = demoClock(options.now);
    this.start = this.now - HISTORY_DAYS * DAY;
    this.data = {
      users: [],
      teams: [],
      memberships: [],
      clusters: [],
      services: [],
      environments: [],
      environmentClusters: [],
      roleBindings: [],
      apiTokens: [],
      artifacts: [],
      commits: [],
      promotions: [],
      approvals: [],
      deployments: [],
      analyses: [],
      metricResults: [],
      incidents: [],
      auditEvents: [],
    };
  }

  // ---------------------------------------------------------------- helpers

  private user(email: string) {
    const user = this.users.get(email);
    if (!user) throw new Error(`demo user ${email} is not defined`);
    return user;
  }

  private person(email: string): Actor {
    return { userId: this.user(email).id, tokenId: null, label: email };
  }

  private system(name: string): Actor {
    return { userId: null, tokenId: null, label: `system:${name}` };
  }

  private tokenActor(service: ServiceState): Actor {
    return {
      userId: this.user(service.ciToken.ownerEmail).id,
      tokenId: service.ciToken.id,
      label: `${service.ciToken.ownerEmail} (token ${service.ciToken.name})`,
    };
  }

  private audit(
    at: number,
    actor: Actor,
    event: { action: string; targetType: string; targetId: string; serviceId?: string; environmentId?: string; before?: unknown; after?: unknown },
    rng?: Prng,
  ) {
    const row: Prisma.AuditEventCreateManyInput = {
      occurredAt: new Date(at),
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      actorLabel: actor.label,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      serviceId: event.serviceId ?? null,
      environmentId: event.environmentId ?? null,
      requestId: actor.userId && rng ? rng.uuid() : null,
      ip: actor.userId && rng ? (actor.tokenId ? `10.40.0.${rng.int(10, 60)}` : `10.20.${rng.int(1, 9)}.${rng.int(10, 250)}`) : null,
    };
    if (event.before !== undefined) row.before = json(event.before);
    if (event.after !== undefined) row.after = json(event.after);
    this.data.auditEvents.push(row);
  }

  /** Moves a human action into working hours (08:00–19:00 UTC, weekdays, mostly). */
  private workingTime(at: number, rng: Prng, weekendChance = 0.05) {
    let t = at;
    for (let i = 0; i < 5; i++) {
      const d = new Date(t);
      const day = d.getUTCDay();
      const hour = d.getUTCHours();
      const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if ((day === 0 || day === 6) && !rng.chance(weekendChance)) {
        t = midnight + (day === 6 ? 2 : 1) * DAY + 8 * HOUR + rng.int(15, 100) * MINUTE;
        continue;
      }
      if (hour < 8) t = midnight + 8 * HOUR + rng.int(10, 90) * MINUTE;
      else if (hour >= 19) t = midnight + DAY + 8 * HOUR + rng.int(15, 100) * MINUTE;
      else return t;
    }
    return t;
  }

  // ---------------------------------------------------------------- organisation

  buildOrganisation() {
    const setupAt = this.start - 2 * DAY;
    const rng = new Prng("gantry-demo/organisation");
    const bootstrap = this.system("bootstrap");

    for (const demoUser of DEMO_USERS) {
      const id = this.newId();
      this.users.set(demoUser.email, { id, name: demoUser.name });
      const passwordHash = this.options.passwordHashes[demoUser.email];
      if (!passwordHash) throw new Error(`no password hash for ${demoUser.email}`);
      this.data.users.push({ id, email: demoUser.email, name: demoUser.name, passwordHash, createdAt: new Date(setupAt), updatedAt: new Date(setupAt) });
      this.audit(setupAt, bootstrap, { action: "user.create", targetType: "User", targetId: id, after: { email: demoUser.email, name: demoUser.name } });
    }
    const admin = this.person("admin@example.com");
    let clock = setupAt + 10 * MINUTE;
    const tick = () => (clock += rng.int(5, 40) * 1000);

    const teamIds = new Map<string, string>();
    for (const team of TEAMS) {
      const id = this.newId();
      teamIds.set(team.slug, id);
      this.data.teams.push({ id, slug: team.slug, name: team.name, createdAt: new Date(tick()), updatedAt: new Date(clock) });
      this.audit(clock, admin, { action: "team.create", targetType: "Team", targetId: id, after: { slug: team.slug, name: team.name } }, rng);
    }
    // Membership in Growth grants its team-held deployer role, so only Growth's engineers are members.
    const memberships: [string, string][] = [
      ["payments", "deployer@example.com"],
      ["payments", "prod-approver@example.com"],
      ["growth", "growth-deployer@example.com"],
    ];
    for (const [team, email] of memberships) {
      const teamId = teamIds.get(team)!;
      this.data.memberships.push({ teamId, userId: this.user(email).id, createdAt: new Date(tick()) });
      this.audit(clock, admin, { action: "team.member_add", targetType: "Team", targetId: teamId, after: { team, user: email } }, rng);
    }

    const clusterIds = new Map<string, string>();
    for (const { name, port } of SANDBOX_CLUSTERS) {
      const existing = this.options.existingClusterIds?.[name];
      const clusterId = existing ?? this.newId();
      clusterIds.set(name, clusterId);
      if (existing) continue;
      const apiServerUrl = sandboxClusterUrl(port);
      this.data.clusters.push({ id: clusterId, name, apiServerUrl, authKind: "BearerToken", encryptedCredentials: null, createdAt: new Date(tick()), updatedAt: new Date(clock) });
      this.audit(clock, admin, { action: "cluster.create", targetType: "Cluster", targetId: clusterId, after: { name, apiServerUrl } }, rng);
    }

    const services: ServiceState[] = [];
    const environmentIds = new Map<string, string>();
    for (const spec of SERVICES) {
      const team = TEAMS.find((t) => t.slug === spec.team)!;
      const id = this.newId();
      this.data.services.push({
        id,
        slug: spec.slug,
        name: spec.name,
        description: spec.description,
        teamId: teamIds.get(team.slug)!,
        imageRepository: `${IMAGE_REGISTRY}/${spec.slug}`,
        createdAt: new Date(tick()),
        updatedAt: new Date(clock),
      });
      this.audit(clock, admin, { action: "service.create", targetType: "Service", targetId: id, serviceId: id, after: { slug: spec.slug, team: team.slug } }, rng);

      const profile = PROFILES[team.profile];
      const envs = {} as Record<EnvironmentName, EnvState>;
      ENVIRONMENT_NAMES.forEach((name, position) => {
        const envId = this.newId();
        environmentIds.set(`${spec.slug}/${name}`, envId);
        const isProduction = name === "prod";
        const namespace = `${spec.slug}-${name}`;
        // Dev is not verified; staging and prod use the default template (what a run would use).
        const verified = name !== "dev";
        const policy = {
          requiredApprovals: isProduction ? spec.prodApprovals : 0,
          requireUpstreamSuccess: position > 0,
          minSoakMinutes: isProduction ? 60 : 0,
          autoRollback: name === "dev" ? false : isProduction ? profile.autoRollback : true,
          verificationMinutes: isProduction ? 10 : 5,
        };
        this.data.environments.push({
          id: envId,
          serviceId: id,
          name,
          position,
          isProduction,
          namespace,
          workloadKind: "Deployment",
          workloadName: spec.slug,
          containerName: "app",
          ...policy,
          ...(verified ? { verificationTemplate: json(DEFAULT_ANALYSIS_TEMPLATE) } : {}),
          noDataPolicy: "Inconclusive",
          createdAt: new Date(tick()),
          updatedAt: new Date(clock),
        });
        const placement = SANDBOX_PLACEMENT[name];
        for (const cluster of placement) this.data.environmentClusters.push({ environmentId: envId, clusterId: clusterIds.get(cluster)! });
        this.audit(clock, admin, { action: "environment.create", targetType: "Environment", targetId: envId, serviceId: id, environmentId: envId, after: { name, position, namespace, clusters: placement, ...policy } }, rng);
        envs[name] = {
          id: envId,
          name,
          isProduction,
          requiredApprovals: policy.requiredApprovals,
          minSoakMinutes: policy.minSoakMinutes,
          verificationMinutes: policy.verificationMinutes,
          template: verified ? renderTemplate(DEFAULT_ANALYSIS_TEMPLATE, { service: spec.slug, namespace, environment: name }) : null,
          approverEmails: [],
          busyUntil: 0,
          lastRequestAt: 0,
          running: null,
        };
      });

      const ownerEmail = team.deployerEmail;
      const tokenName = `${team.slug}-ci`;
      const tokenId = this.newId();
      if (!this.data.apiTokens.some((t) => t.name === tokenName)) {
        const secret = rng.hex(40);
        this.data.apiTokens.push({
          id: tokenId,
          userId: this.user(ownerEmail).id,
          name: tokenName,
          prefix: `gnt_${secret.slice(0, 8)}`,
          tokenHash: createHash("sha256").update(`gnt_${secret}`).digest("hex"),
          scopes: ["artifact:register", "promotion:request"],
          serviceIds: [],
          createdAt: new Date(tick()),
        });
        this.audit(clock, this.person(ownerEmail), { action: "token.create", targetType: "ApiToken", targetId: tokenId, after: { name: tokenName, scopes: ["artifact:register", "promotion:request"] } }, rng);
      }
      const token = this.data.apiTokens.find((t) => t.name === tokenName)!;
      services.push({
        spec,
        team,
        profile,
        id,
        rng: new Prng(`gantry-demo/${spec.slug}`),
        envs,
        version: [...spec.firstVersion],
        buildNumber: 1000 + rng.int(0, 3000),
        ciToken: { id: token.id, name: tokenName, ownerEmail },
        skippedForProd: null,
        nextProdAllowedAt: 0,
        lastBuildAt: 0,
        lastHeadCommitAt: 0,
        failureDebt: rng.next(),
        // Starts at one half so the first change failure is a regression (rollback and incident), not a failed rollout.
        regressionDebt: 0.5,
      });
    }
    // The CI tokens are limited to their team's services.
    for (const token of this.data.apiTokens) {
      const team = token.name.replace(/-ci$/, "");
      token.serviceIds = services.filter((s) => s.team.slug === team).map((s) => s.id);
    }

    const bindings: { role: Role; email?: string; team?: string; scopeTeam?: string; scopeEnvironment?: string }[] = [
      { role: "admin", email: "admin@example.com" },
      { role: "viewer", email: "viewer@example.com" },
      { role: "deployer", email: "deployer@example.com", scopeTeam: "payments" },
      { role: "deployer", team: "growth", scopeTeam: "growth" },
      { role: "approver", email: "approver@example.com" },
      { role: "approver", email: "prod-approver@example.com", scopeEnvironment: "payments-api/prod" },
      { role: "approver", email: "prod-approver@example.com", scopeEnvironment: "ledger/prod" },
      { role: "operator", email: "oncall@example.com" },
    ];
    for (const binding of bindings) {
      const id = this.newId();
      this.data.roleBindings.push({
        id,
        role: binding.role,
        userId: binding.email ? this.user(binding.email).id : null,
        teamId: binding.team ? teamIds.get(binding.team)! : null,
        scopeTeamId: binding.scopeTeam ? teamIds.get(binding.scopeTeam)! : null,
        scopeEnvironmentId: binding.scopeEnvironment ? environmentIds.get(binding.scopeEnvironment)! : null,
        createdAt: new Date(tick()),
      });
      this.audit(clock, admin, {
        action: "role_binding.create",
        targetType: "RoleBinding",
        targetId: id,
        after: { role: binding.role, subject: binding.email ?? `team:${binding.team}`, scope: binding.scopeTeam ? `team:${binding.scopeTeam}` : (binding.scopeEnvironment ?? "global") },
      }, rng);
    }
    // Who can approve where: the global approver everywhere, the scoped one on her environments.
    for (const service of services) {
      for (const env of Object.values(service.envs)) {
        env.approverEmails = ["approver@example.com"];
        if (bindings.some((b) => b.role === "approver" && b.scopeEnvironment === `${service.spec.slug}/${env.name}`)) env.approverEmails.push("prod-approver@example.com");
      }
    }
    return services;
  }

  // ---------------------------------------------------------------- artifacts

  private registerArtifact(service: ServiceState, headCommitAt: number): ArtifactState {
    const { rng, spec, profile } = service;
    const commitCount = rng.weighted(
      service.team.profile === "elite"
        ? [[0.3, 1], [0.27, 2], [0.2, 3], [0.12, 4], [0.07, 5], [0.04, 6]]
        : [[0.08, 1], [0.12, 2], [0.2, 3], [0.25, 4], [0.2, 5], [0.15, 6]],
    );
    // Commits since the previous build only, so consecutive artifacts never share a commit.
    const earliest = Math.max(headCommitAt - rng.between(...profile.commitSpanHours) * HOUR, service.lastHeadCommitAt + MINUTE);
    const times = [headCommitAt, ...Array.from({ length: commitCount - 1 }, () => headCommitAt - rng.between(0.05, 1) * (headCommitAt - earliest))].sort((a, b) => a - b);
    service.lastHeadCommitAt = headCommitAt;
    const messages = [...spec.commitMessages];
    const commits = times.map((committedAt) => {
      const message = messages.splice(rng.int(0, messages.length - 1), 1)[0]!;
      const author = rng.pick(service.team.engineers);
      return { sha: rng.hex(40), message, author, committedAt };
    });
    const head = commits[commits.length - 1]!;

    const onlyFixes = commits.every((c) => /^(fix|perf|chore|test|docs|ci)/.test(c.message));
    if (onlyFixes) service.version[2] += 1;
    else service.version = [service.version[0], service.version[1] + 1, 0];
    const version = service.version.join(".");
    service.buildNumber += rng.int(1, 4);
    const buildAt = headCommitAt + rng.int(7, 16) * MINUTE;
    const imageDigest = `sha256:${rng.hex(64)}`;
    const id = this.newId();
    const actor = this.tokenActor(service);

    this.data.artifacts.push({
      id,
      serviceId: service.id,
      version,
      gitSha: head.sha,
      commitTime: new Date(head.committedAt),
      imageRepository: `${IMAGE_REGISTRY}/${spec.slug}`,
      imageDigest,
      buildUrl: `https://ci.example.com/${service.team.slug}/${spec.slug}/builds/${service.buildNumber}`,
      labels: json({ branch: "main", pipeline: String(service.buildNumber), builder: "github-actions" }),
      registeredByUserId: actor.userId,
      registeredByTokenId: actor.tokenId,
      createdAt: new Date(buildAt),
    });
    for (const commit of commits) {
      this.data.commits.push({
        id: this.newId(),
        artifactId: id,
        sha: commit.sha,
        message: commit.message,
        authorName: commit.author.name,
        authorEmail: commit.author.email,
        committedAt: new Date(commit.committedAt),
      });
    }
    this.audit(buildAt, actor, {
      action: "artifact.register",
      targetType: "Artifact",
      targetId: id,
      serviceId: service.id,
      after: { version, image: `${IMAGE_REGISTRY}/${spec.slug}@${imageDigest}`, gitSha: head.sha, commits: commits.length },
    }, rng);
    const lastToken = this.data.apiTokens.find((t) => t.id === service.ciToken.id)!;
    if (!lastToken.lastUsedAt || (lastToken.lastUsedAt as Date).getTime() < buildAt) lastToken.lastUsedAt = new Date(buildAt);
    service.lastBuildAt = buildAt;
    const artifact: ArtifactState = { id, version, imageDigest, authorEmails: new Set(commits.map((c) => c.author.email)), headline: head.message, succeededAt: {} };
    this.artifactIndex.set(id, artifact);
    return artifact;
  }

  // ---------------------------------------------------------------- promotions

  /**
   * One promotion of `artifact` into `env`, from request to its final state. Returns false (and
   * records nothing) when it would not be finished by `limit`.
   */
  private promote(service: ServiceState, artifact: ArtifactState, env: EnvState, requestAt: number, limit: number, plan: PromotionPlan): boolean {
    const commit = this.preparePromotion(service, artifact, env, requestAt, limit, plan);
    commit?.();
    return commit !== null;
  }

  /** Plans a promotion; nothing is recorded until the returned function is called. */
  private preparePromotion(service: ServiceState, artifact: ArtifactState, env: EnvState, requestAt: number, limit: number, plan: PromotionPlan): (() => void) | null {
    const { rng } = service;
    const requestTime = Math.max(requestAt, env.lastRequestAt + MINUTE);
    const promotionId = this.newId();
    const promotion: DemoDataset["promotions"][number] = {
      id: promotionId,
      environmentId: env.id,
      artifactId: artifact.id,
      kind: "Promotion",
      status: "PendingApproval",
      reason: plan.reason,
      requestedById: plan.requester.userId,
      requestedByTokenId: plan.requester.tokenId,
      idempotencyKey: plan.idempotencyKey ?? null,
      createdAt: new Date(requestTime),
      updatedAt: new Date(requestTime),
    };
    const commonAudit = { targetType: "Promotion", targetId: promotionId, serviceId: service.id, environmentId: env.id };
    const audits: Parameters<DemoHistory["audit"]>[] = [];
    // Action names and shapes follow lib/domain/promotions, so seeded history reads like real history.
    const requestedStatus = env.requiredApprovals === 0 ? "Queued" : "PendingApproval";
    audits.push([requestTime, plan.requester, { action: "promotion.request", ...commonAudit, after: { artifact: artifact.version, environment: env.name, status: requestedStatus, reason: plan.reason } }, rng]);

    // Approvals: never the requester, never someone whose commit is in the artifact.
    const eligible = env.approverEmails.filter((email) => this.user(email).id !== plan.requester.userId && !artifact.authorEmails.has(email));
    const wanted = plan.live?.status === "PendingApproval" ? plan.live.approvals : (plan.approvals ?? env.requiredApprovals);
    if (wanted > eligible.length) return null;
    const approvers = rng.shuffle(eligible).slice(0, wanted);
    const approvals: DemoDataset["approvals"] = [];
    let t = requestTime;
    const [minWait, maxWait] = service.profile.approvalMinutes;
    for (const [index, email] of approvers.entries()) {
      // Live items are placed between the request and now, whatever the hour.
      t = plan.live
        ? t + (limit - t) * rng.between(0.3, 0.6)
        : this.workingTime(t + rng.logNormal((minWait + maxWait) / 3, 0.6) * MINUTE, rng);
      const reject = plan.rejected && index === 0;
      const comment = reject
        ? rng.pick([
            "Not during the settlement window; please request again after 17:00.",
            "Migration notes missing: which tables does this touch?",
            "Campaign launch tomorrow, let's hold changes until Monday.",
            "This bundles an unreviewed config change; split it out first.",
          ])
        : rng.pick(["", "", "LGTM", "Checked the staging dashboards.", "Go ahead.", "Approved, watch the p95 after rollout."]);
      approvals.push({ id: this.newId(), promotionId, userId: this.user(email).id, decision: reject ? "Reject" : "Approve", comment, createdAt: new Date(t) });
      audits.push([t, this.person(email), { action: reject ? "promotion.reject" : "promotion.approve", ...commonAudit, after: { decision: reject ? "Reject" : "Approve", comment } }, rng]);
      if (reject) break;
    }

    let deployment: DemoDataset["deployments"][number] | null = null;
    let finishedAt = t;
    const finish = (status: PromotionStatus, at: number, extra: Partial<Prisma.PromotionCreateManyInput> = {}) => {
      Object.assign(promotion, { status, finishedAt: new Date(at), updatedAt: new Date(at), ...extra });
      finishedAt = at;
    };

    if (plan.live?.status === "PendingApproval") {
      promotion.updatedAt = new Date(t);
    } else if (plan.rejected) {
      finish("Rejected", t);
      audits.push([t, this.person(approvers[0]!), { action: "promotion.rejected", ...commonAudit, before: { status: "PendingApproval" }, after: { status: "Rejected" } }, rng]);
    } else if (plan.supersededAt !== undefined) {
      finish("Superseded", plan.supersededAt);
      audits.push([plan.supersededAt, ENGINE, { action: "promotion.superseded", ...commonAudit, before: { status: "PendingApproval" }, after: { status: "Superseded" } }]);
    } else {
      const approvedAt = t + rng.int(0, 2) * 1000;
      const queuedAt = approvedAt + rng.int(200, 1500);
      promotion.approvedAt = new Date(approvedAt);
      promotion.queuedAt = new Date(queuedAt);
      if (approvers.length > 0) {
        // The last approval meets the quorum and hands the promotion to the queue.
        audits.push([approvedAt, this.person(approvers[approvers.length - 1]!), { action: "promotion.approved", ...commonAudit, before: { status: "PendingApproval" }, after: { status: "Queued", approvals: approvers } }, rng]);
      }
      if (plan.live?.status === "Queued") {
        Object.assign(promotion, { status: "Queued", updatedAt: new Date(queuedAt) });
        finishedAt = queuedAt;
      } else if (plan.aborted) {
        const abortAt = queuedAt + rng.int(20, 120) * 1000;
        const reason = "wrong build, requesting the next one";
        finish("Aborted", abortAt, { failureReason: reason });
        audits.push([abortAt, plan.requester, { action: "promotion.abort", ...commonAudit, before: { status: "Queued" }, after: { status: "Aborted", reason } }, rng]);
      } else {
        const startedAt = Math.max(queuedAt + rng.int(3, 20) * 1000, env.busyUntil + rng.int(30, 90) * 1000);
        const outcome = plan.outcome ?? "success";
        const rolloutDone = startedAt + Math.min(8 * MINUTE, rng.logNormal(2.5, 0.35) * MINUTE);
        promotion.startedAt = new Date(startedAt);
        deployment = {
          id: this.newId(),
          environmentId: env.id,
          serviceId: service.id,
          isProduction: env.isProduction,
          artifactId: artifact.id,
          previousArtifactId: env.running?.id ?? null,
          promotionId,
          isRollback: false,
          outcome: "Succeeded",
          startedAt: new Date(startedAt),
        };
        audits.push([startedAt, ENGINE, { action: "promotion.deploying", ...commonAudit, before: { status: "Queued" }, after: { status: "Deploying", image: `${IMAGE_REGISTRY}/${service.spec.slug}@${artifact.imageDigest}`, replaces: env.running?.version ?? null } }]);
        if (outcome === "rolloutFailure") {
          const failedAt = startedAt + 10 * MINUTE;
          const failureReason = rng.pick([
            "Rollout did not complete within 10m: 0 of 2 updated pods became ready (CrashLoopBackOff in container app)",
            "Rollout did not complete within 10m: readiness probe failed (HTTP 503 on /healthz)",
            "Rollout did not complete within 10m: container app OOMKilled (limit 512Mi)",
            "Rollout did not complete within 10m: CreateContainerConfigError (secret key DATABASE_URL not found)",
          ]);
          finish("Failed", failedAt, { failureReason });
          Object.assign(deployment, { outcome: "Failed" satisfies DeploymentOutcome, finishedAt: new Date(failedAt) });
        } else {
          const verifyMinutes = env.template ? env.verificationMinutes : 0;
          const autoRollback = outcome === "regression" && service.profile.autoRollback;
          const verifiedAt = autoRollback ? rolloutDone + rng.int(3, 6) * MINUTE : rolloutDone + verifyMinutes * MINUTE;
          const verdict: AnalysisVerdict = autoRollback ? "Fail" : rng.chance(service.profile.marginalChance) ? "Marginal" : "Pass";
          if (env.template) this.analysis(service, env, deployment.id, promotionId, { startedAt, rolloutDone, verifiedAt, verdict });
          if (autoRollback) {
            finish("RolledBack", verifiedAt, { failureReason: "Verification failed: the 5xx error ratio rose significantly above the baseline; rolled back automatically" });
            Object.assign(deployment, { outcome: "RolledBack" satisfies DeploymentOutcome, finishedAt: new Date(verifiedAt) });
          } else {
            finish("Succeeded", verifiedAt);
            Object.assign(deployment, { finishedAt: new Date(verifiedAt) });
          }
        }
        const finalStatus = promotion.status as PromotionStatus;
        audits.push([
          finishedAt,
          finalStatus === "RolledBack" ? this.system("verification") : ENGINE,
          {
            action: finalStatus === "Succeeded" ? "promotion.succeeded" : finalStatus === "Failed" ? "promotion.failed" : "promotion.rolled_back",
            ...commonAudit,
            before: { status: finalStatus === "Failed" || !env.template ? "Deploying" : "Verifying" },
            after: { status: finalStatus, ...(promotion.failureReason ? { reason: promotion.failureReason } : {}) },
          },
        ]);
      }
    }
    // An automatic rollback follows a failed verification within a few minutes.
    const rollbackMargin = promotion.status === "RolledBack" ? 5 * MINUTE : 0;
    const lastApprovalAt = approvals.length ? (approvals[approvals.length - 1]!.createdAt as Date).getTime() : requestTime;
    if (finishedAt + rollbackMargin > limit || lastApprovalAt > limit || (plan.supersededAt !== undefined && lastApprovalAt > plan.supersededAt)) {
      // Roll back what this call allocated in the analysis tables.
      this.dropAnalysesFor(promotionId);
      return null;
    }

    return () => {
      this.data.promotions.push(promotion);
      this.data.approvals.push(...approvals);
      for (const entry of audits) this.audit(...entry);
      env.lastRequestAt = Math.max(env.lastRequestAt, requestTime);
      if (deployment) {
        this.data.deployments.push(deployment);
        env.busyUntil = finishedAt;
        if (deployment.outcome === "Succeeded") {
          env.running = artifact;
          artifact.succeededAt[env.name] = finishedAt;
        } else if (deployment.outcome === "RolledBack") {
          this.rollback(service, env, artifact, finishedAt, limit, { automatic: true });
        }
      }
    };
  }

  private dropAnalysesFor(promotionId: string) {
    const ids = new Set(this.data.analyses.filter((a) => a.promotionId === promotionId).map((a) => a.id));
    if (ids.size === 0) return;
    this.data.analyses = this.data.analyses.filter((a) => !ids.has(a.id));
    this.data.metricResults = this.data.metricResults.filter((m) => !ids.has(m.analysisId));
  }

  /** Rolls `env` back from `bad` to the artifact it replaced, through a Rollback-kind promotion. */
  private rollback(
    service: ServiceState,
    env: EnvState,
    bad: ArtifactState,
    at: number,
    limit: number,
    how: { automatic: boolean; incidentTitle?: string },
  ) {
    const { rng } = service;
    const target = env.running;
    if (!target) throw new Error("nothing to roll back to");
    const actor = how.automatic ? this.system("verification") : this.person("oncall@example.com");
    const reason = how.automatic
      ? `Automatic rollback: verification of ${bad.version} failed (5xx error ratio significantly above the baseline)`
      : `Rolling back ${bad.version}: ${how.incidentTitle ?? "regression reported in production"}`;
    const requestAt = at + rng.int(1, 4) * 1000;
    const startedAt = requestAt + rng.int(2, 6) * 1000;
    const finishedAt = startedAt + rng.between(1.2, 3) * MINUTE;
    if (finishedAt > limit) throw new Error("rollback would end after the history limit");
    const promotionId = this.newId();
    this.data.promotions.push({
      id: promotionId,
      environmentId: env.id,
      artifactId: target.id,
      kind: "Rollback" satisfies PromotionKind,
      status: "Succeeded",
      reason,
      requestedById: actor.userId,
      createdAt: new Date(requestAt),
      updatedAt: new Date(finishedAt),
      approvedAt: new Date(requestAt),
      queuedAt: new Date(requestAt),
      startedAt: new Date(startedAt),
      finishedAt: new Date(finishedAt),
    });
    const deploymentId = this.newId();
    this.data.deployments.push({
      id: deploymentId,
      environmentId: env.id,
      serviceId: service.id,
      isProduction: env.isProduction,
      artifactId: target.id,
      previousArtifactId: bad.id,
      promotionId,
      isRollback: true,
      outcome: "Succeeded",
      startedAt: new Date(startedAt),
      finishedAt: new Date(finishedAt),
    });
    const common = { targetType: "Promotion", targetId: promotionId, serviceId: service.id, environmentId: env.id };
    this.audit(requestAt, actor, { action: "environment.rollback", ...common, after: { to: target.version, reason, abortedPromotions: [] } }, rng);
    this.audit(startedAt, ENGINE, { action: "promotion.deploying", ...common, before: { status: "Queued" }, after: { status: "Deploying", image: `${IMAGE_REGISTRY}/${service.spec.slug}@${target.imageDigest}`, replaces: bad.version } });
    this.audit(finishedAt, ENGINE, { action: "promotion.succeeded", ...common, before: { status: "Deploying" }, after: { status: "Succeeded" } });
    if (!how.automatic) {
      // A manual rollback holds the environment until someone has looked at what went wrong.
      const envCommon = { targetType: "Environment", targetId: env.id, serviceId: service.id, environmentId: env.id };
      this.audit(requestAt, actor, { action: "environment.hold", ...envCommon, after: { reason: `rollback: ${reason}` } }, rng);
      this.audit(finishedAt + rng.between(1, 4) * HOUR, actor, { action: "environment.release", ...envCommon, before: { reason: `rollback: ${reason}` } }, rng);
    }
    env.busyUntil = finishedAt;
    // `running` stays the artifact that was restored.
    target.succeededAt[env.name] = Math.max(target.succeededAt[env.name] ?? 0, finishedAt);
    return finishedAt;
  }

  private incident(
    service: ServiceState,
    env: EnvState,
    deploymentId: string | null,
    openedAt: number,
    resolvedAt: number,
    details: { title: string; severity: string; source: "alertmanager" | "manual" },
  ) {
    const { rng } = service;
    const id = this.newId();
    this.data.incidents.push({
      id,
      serviceId: service.id,
      environmentId: env.id,
      deploymentId,
      title: details.title,
      severity: details.severity,
      source: details.source,
      fingerprint: details.source === "alertmanager" ? rng.hex(16) : null,
      openedAt: new Date(openedAt),
      resolvedAt: new Date(resolvedAt),
      createdAt: new Date(openedAt),
      updatedAt: new Date(resolvedAt),
    });
    const opener = details.source === "alertmanager" ? this.system("alertmanager") : this.person("oncall@example.com");
    const common = { targetType: "Incident", targetId: id, serviceId: service.id, environmentId: env.id };
    this.audit(openedAt, opener, { action: "incident.open", ...common, after: { title: details.title, severity: details.severity, deploymentId } }, rng);
    this.audit(resolvedAt, details.source === "alertmanager" ? opener : this.person("oncall@example.com"), { action: "incident.resolve", ...common, after: { resolvedAt: new Date(resolvedAt).toISOString() } }, rng);
  }

  private analysis(
    service: ServiceState,
    env: EnvState,
    deploymentId: string,
    promotionId: string,
    window: { startedAt: number; rolloutDone: number; verifiedAt: number; verdict: AnalysisVerdict },
  ) {
    const template = env.template!;
    const baseline = { start: window.startedAt - BASELINE_MINUTES * MINUTE, end: window.startedAt };
    const canary = { start: window.rolloutDone, end: window.verifiedAt };
    if (window.verdict === "Inconclusive") throw new Error("the demo history has no inconclusive analyses");
    const result = simulateAnalysis(service.rng, { template, base: service.spec.baseline, baseline, canary, want: window.verdict, noDataPolicy: "Inconclusive" });
    const analysisId = this.newId();
    this.data.analyses.push({
      id: analysisId,
      deploymentId,
      promotionId,
      status: "Completed",
      verdict: result.verdict,
      score: result.score,
      summary: result.summary,
      baselineStart: new Date(baseline.start),
      baselineEnd: new Date(baseline.end),
      canaryStart: new Date(canary.start),
      canaryEnd: new Date(canary.end),
      template: json(template),
      createdAt: new Date(window.rolloutDone),
      finishedAt: new Date(window.verifiedAt),
    });
    for (const metric of result.metrics) {
      this.data.metricResults.push({
        id: this.newId(),
        analysisId,
        ...metric,
        baselineSummary: json(metric.baselineSummary),
        canarySummary: json(metric.canarySummary),
      });
    }
  }

  // ---------------------------------------------------------------- history

  private requesterFor(service: ServiceState): Actor {
    return service.rng.chance(0.1) ? this.person("admin@example.com") : this.person(service.team.deployerEmail);
  }

  /** Dev: CI deploys every build. Returns whether it succeeded. */
  private toDev(service: ServiceState, artifact: ArtifactState, limit: number, outcome?: Outcome) {
    const { rng } = service;
    const buildAt = service.lastBuildAt;
    return (
      this.promote(service, artifact, service.envs.dev, buildAt + rng.int(40, 150) * 1000, limit, {
        requester: this.tokenActor(service),
        reason: `CI: main build #${service.buildNumber}`,
        idempotencyKey: `ci-${service.spec.slug}-${service.buildNumber}-dev`,
        outcome: outcome ?? (rng.chance(service.profile.failure.dev) ? "rolloutFailure" : "success"),
      }) && artifact.succeededAt.dev !== undefined
    );
  }

  private simulate(service: ServiceState, historyEnd: number) {
    const { rng, profile } = service;
    const { staging } = service.envs;
    let headCommitAt = this.workingTime(this.start - rng.between(6, 20) * HOUR, rng, 0);
    let first = true;

    while (true) {
      const artifact = this.registerArtifact(service, headCommitAt);
      const limit = historyEnd;
      const devOk = this.toDev(service, artifact, limit, first ? "success" : undefined);
      if (devOk && (first || rng.chance(profile.stagingChance))) {
        const stagingAt = this.workingTime(artifact.succeededAt.dev! + rng.between(...profile.stagingDelayHours) * HOUR, rng);
        const aborted = !first && rng.chance(0.015);
        const ok = this.promote(service, artifact, staging, stagingAt, limit, {
          requester: this.requesterFor(service),
          reason: rng.pick(["", "", "Ready for staging", `Staging for ${artifact.version}`]),
          aborted,
          outcome: first ? "success" : rng.chance(profile.failure.staging) ? "rolloutFailure" : "success",
        });
        if (ok && artifact.succeededAt.staging !== undefined) this.maybeProd(service, artifact, limit, first);
      }
      first = false;
      const next = headCommitAt + rng.logNormal(profile.buildEveryHours, profile.buildSpread) * HOUR;
      headCommitAt = this.workingTime(Math.max(next, service.lastBuildAt + 20 * MINUTE), rng, 0.03);
      if (headCommitAt > historyEnd - 2 * HOUR) break;
    }
  }

  private maybeProd(service: ServiceState, artifact: ArtifactState, limit: number, first: boolean) {
    const { rng, profile } = service;
    const prod = service.envs.prod;
    const soakedAt = artifact.succeededAt.staging! + prod.minSoakMinutes * MINUTE;
    const requestAt = this.workingTime(soakedAt + rng.between(...profile.prodDelayHours) * HOUR, rng);
    if (!first && (requestAt < service.nextProdAllowedAt || !rng.chance(profile.prodChance))) {
      service.skippedForProd = artifact;
      return;
    }
    const rejected = !first && rng.chance(profile.rejectChance);
    let outcome: Outcome = first || rejected ? "success" : this.prodOutcome(service);
    // Regressions found by people need the time to notice and roll back before the history ends.
    const manualRegression = outcome === "regression" && !profile.autoRollback;
    if (manualRegression) outcome = "success";
    const release = this.preparePromotion(service, artifact, prod, requestAt, limit, {
      requester: this.requesterFor(service),
      reason: rng.pick([`Release ${artifact.version}`, artifact.headline, `${artifact.version}: ${artifact.headline}`]),
      rejected,
      outcome,
    });
    // Sometimes the previous candidate had been proposed too, and this request supersedes it.
    const skipped = service.skippedForProd;
    service.skippedForProd = null;
    if (!release) return;
    if (skipped && skipped.succeededAt.staging !== undefined && rng.chance(0.3)) {
      const from = Math.max(skipped.succeededAt.staging + prod.minSoakMinutes * MINUTE, prod.lastRequestAt + MINUTE);
      const to = requestAt - 20 * MINUTE;
      if (to > from) {
        this.promote(service, skipped, prod, rng.between(from, to), requestAt, {
          requester: this.requesterFor(service),
          reason: `Release ${skipped.version}`,
          supersededAt: requestAt,
          approvals: rng.int(0, prod.requiredApprovals - 1),
        });
      }
    }
    const before = this.data.deployments.length;
    release();
    if (rejected) return;
    const deployment = this.data.deployments[before]!;
    service.nextProdAllowedAt = deployment.outcome === "Failed" ? requestAt + DAY : requestAt + rng.between(...profile.prodMinGapDays) * DAY;

    if (outcome === "regression" && profile.autoRollback) {
      // Automatic rollback already happened in promote(); the alert usually fired meanwhile.
      if (rng.chance(profile.incidentChanceOnAutoRollback)) {
        const rolloutEnd = (this.data.promotions.find((p) => p.id === deployment.promotionId)!.finishedAt as Date).getTime();
        const opened = rolloutEnd - rng.int(1, 3) * MINUTE;
        const resolved = prod.busyUntil + rng.int(3, 12) * MINUTE;
        this.incident(service, prod, deployment.id, opened, Math.min(resolved, limit), {
          title: rng.pick([`High 5xx rate on ${service.spec.slug} (prod)`, `${service.spec.name}: error budget burn rate above 14x`, `${service.spec.slug} p99 latency above SLO`]),
          severity: rng.pick(["critical", "major"]),
          source: "alertmanager",
        });
      }
    } else if (manualRegression && deployment.outcome === "Succeeded") {
      const finishedAt = (deployment.finishedAt as Date).getTime();
      const opened = finishedAt + rng.between(...profile.detectHours) * HOUR;
      const rollbackAt = opened + rng.between(...profile.rollbackHours) * HOUR;
      if (rollbackAt + 2 * HOUR < limit) {
        const title = rng.pick([
          `${service.spec.name}: customers report missing ${service.spec.slug === "notifications" ? "receipts" : "referral credits"}`,
          `${service.spec.name} ${artifact.version}: elevated 4xx on /v1 after release`,
          `${service.spec.name}: duplicate ${service.spec.slug === "notifications" ? "push notifications" : "promo redemptions"} since ${artifact.version}`,
          `${service.spec.name}: background queue backlog growing after ${artifact.version}`,
        ]);
        // The release was the running artifact until now; restore the one it replaced.
        const promotion = this.data.promotions.find((p) => p.id === deployment.promotionId)!;
        Object.assign(promotion, { status: "RolledBack" satisfies PromotionStatus, updatedAt: new Date(rollbackAt) });
        deployment.outcome = "RolledBack";
        delete artifact.succeededAt.prod;
        prod.running = this.artifactById(service, deployment.previousArtifactId!);
        const restoredAt = this.rollback(service, prod, artifact, rollbackAt, limit, { automatic: false, incidentTitle: title });
        this.incident(service, prod, deployment.id, opened, restoredAt + rng.int(5, 40) * MINUTE, { title, severity: rng.pick(["major", "minor"]), source: rng.chance(0.5) ? "manual" : "alertmanager" });
        // Not before the hold placed by the rollback has been released.
        service.nextProdAllowedAt = Math.max(service.nextProdAllowedAt, prod.busyUntil + 4 * HOUR);
      }
    }
  }

  /**
   * Change failures are spread evenly (error diffusion rather than independent coin flips), so
   * even a team with a handful of releases shows its profile's failure rate.
   */
  private prodOutcome(service: ServiceState): Outcome {
    const { profile } = service;
    const rate = profile.failure.prodRollout + profile.failure.prodRegression;
    service.failureDebt += rate;
    if (service.failureDebt < 1) return "success";
    service.failureDebt -= 1;
    service.regressionDebt += profile.failure.prodRegression / rate;
    if (service.regressionDebt < 1) return "rolloutFailure";
    service.regressionDebt -= 1;
    return "regression";
  }

  private readonly artifactIndex = new Map<string, ArtifactState>();
  private artifactById(service: ServiceState, id: string): ArtifactState {
    const artifact = this.artifactIndex.get(id);
    if (!artifact) throw new Error(`unknown artifact ${id} for ${service.spec.slug}`);
    return artifact;
  }

  run(): DemoDataset {
    const services = this.buildOrganisation();

    for (const service of services) {
      // The simulated past ends a while before now; the last hours are scripted live items.
      const historyEnd = this.now - (service.team.profile === "elite" ? 6 * HOUR : 31 * HOUR);
      this.simulate(service, historyEnd);
    }
    this.liveItems(services);
    this.standaloneIncidents(services);
    this.data.auditEvents.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime());
    return this.data;
  }

  /** The present: a prod promotion awaiting its second approval, one awaiting its first, one queued for staging. */
  private liveItems(services: ServiceState[]) {
    const byslug = (slug: string) => services.find((s) => s.spec.slug === slug)!;
    const now = this.now;

    {
      const service = byslug("payments-api");
      const artifact = this.registerArtifact(service, Math.max(now - 5 * HOUR, service.envs.dev.busyUntil + 5 * MINUTE));
      if (!this.toDev(service, artifact, now, "success")) throw new Error("could not place the payments-api dev deployment");
      this.promote(service, artifact, service.envs.staging, Math.max(now - 3 * HOUR, artifact.succeededAt.dev! + 20 * MINUTE), now, {
        requester: this.person("deployer@example.com"),
        reason: "Ready for staging",
        outcome: "success",
      });
      if (artifact.succeededAt.staging === undefined) throw new Error("could not place the payments-api staging deployment");
      const soaked = artifact.succeededAt.staging! + service.envs.prod.minSoakMinutes * MINUTE;
      const ok = this.promote(service, artifact, service.envs.prod, Math.max(now - 50 * MINUTE, soaked), now, {
        requester: this.person("deployer@example.com"),
        reason: `${artifact.version}: ${artifact.headline}`,
        live: { status: "PendingApproval", approvals: 1 },
      });
      if (!ok) throw new Error("could not place the pending payments-api promotion");
    }
    {
      const service = byslug("ledger");
      const artifact = this.registerArtifact(service, Math.max(now - 55 * MINUTE, service.envs.dev.busyUntil + 5 * MINUTE));
      if (!this.toDev(service, artifact, now, "success")) throw new Error("could not place the ledger dev deployment");
      const ok = this.promote(service, artifact, service.envs.staging, Math.max(now - 6 * MINUTE, artifact.succeededAt.dev! + MINUTE), now, {
        requester: this.person("deployer@example.com"),
        reason: "Ready for staging",
        live: { status: "Queued" },
      });
      if (!ok) throw new Error("could not place the queued ledger promotion");
    }
    {
      const service = byslug("growth-api");
      const artifact = this.registerArtifact(service, Math.max(now - 30 * HOUR, service.envs.dev.busyUntil + HOUR));
      if (!this.toDev(service, artifact, now, "success")) throw new Error("could not place the growth-api dev deployment");
      this.promote(service, artifact, service.envs.staging, Math.max(now - 26 * HOUR, artifact.succeededAt.dev! + HOUR), now, {
        requester: this.person("growth-deployer@example.com"),
        reason: "Ready for staging",
        outcome: "success",
      });
      if (artifact.succeededAt.staging === undefined) throw new Error("could not place the growth-api staging deployment");
      const ok = this.promote(service, artifact, service.envs.prod, Math.max(now - 3 * HOUR, artifact.succeededAt.staging! + 2 * HOUR), now, {
        requester: this.person("growth-deployer@example.com"),
        reason: `Release ${artifact.version}`,
        live: { status: "PendingApproval", approvals: 0 },
      });
      if (!ok) throw new Error("could not place the pending growth-api promotion");
    }
  }

  /** Outages not caused by a release: they belong in the incident list but not in change failure rate. */
  private standaloneIncidents(services: ServiceState[]) {
    const rng = new Prng("gantry-demo/incidents");
    const specs: [string, string, string, number][] = [
      ["payments-api", "Card network timeouts from acquirer (upstream)", "major", 0.6],
      ["notifications", "Email provider SendFast degraded: receipts delayed", "minor", 3],
      ["growth-api", "Primary database failover during maintenance", "major", 0.4],
    ];
    for (const [slug, title, severity, hours] of specs) {
      const service = services.find((s) => s.spec.slug === slug)!;
      const openedAt = this.workingTime(this.start + rng.between(10, 80) * DAY, rng, 0.3);
      this.incident(service, service.envs.prod, null, openedAt, openedAt + rng.logNormal(hours, 0.3) * HOUR, { title, severity, source: "alertmanager" });
    }
  }
}

export function generateDemoData(options: GenerateOptions): DemoDataset {
  return new DemoHistory(options).run();
}
