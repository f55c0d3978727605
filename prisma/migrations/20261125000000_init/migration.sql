-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'deployer', 'approver', 'operator', 'admin');

-- CreateEnum
CREATE TYPE "ClusterAuthKind" AS ENUM ('BearerToken', 'ClientCertificate', 'Kubeconfig', 'InCluster');

-- CreateEnum
CREATE TYPE "WorkloadKind" AS ENUM ('Deployment', 'ArgoRollout');

-- CreateEnum
CREATE TYPE "NoDataPolicy" AS ENUM ('Inconclusive', 'Pass', 'Fail');

-- CreateEnum
CREATE TYPE "FreezeKind" AS ENUM ('OneOff', 'Weekly');

-- CreateEnum
CREATE TYPE "PromotionStatus" AS ENUM ('PendingApproval', 'Approved', 'Queued', 'Deploying', 'Verifying', 'Succeeded', 'Rejected', 'Failed', 'RolledBack', 'Aborted', 'Superseded');

-- CreateEnum
CREATE TYPE "PromotionKind" AS ENUM ('Promotion', 'Rollback');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('Approve', 'Reject');

-- CreateEnum
CREATE TYPE "DeploymentOutcome" AS ENUM ('InProgress', 'Succeeded', 'Failed', 'RolledBack');

-- CreateEnum
CREATE TYPE "AnalysisStatus" AS ENUM ('Pending', 'Running', 'Completed', 'Errored');

-- CreateEnum
CREATE TYPE "AnalysisVerdict" AS ENUM ('Pass', 'Marginal', 'Fail', 'Inconclusive');

-- CreateEnum
CREATE TYPE "MetricResultStatus" AS ENUM ('Pass', 'High', 'Low', 'NoData');

-- CreateEnum
CREATE TYPE "MetricDirection" AS ENUM ('HigherIsWorse', 'LowerIsWorse', 'Either');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "disabledAt" TIMESTAMP(3),
    "lastSignedInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMembership" (
    "teamId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMembership_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateTable
CREATE TABLE "RoleBinding" (
    "id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "userId" UUID,
    "teamId" UUID,
    "scopeTeamId" UUID,
    "scopeServiceId" UUID,
    "scopeEnvironmentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "serviceIds" UUID[],
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" UUID NOT NULL,
    "imageRepository" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "apiServerUrl" TEXT NOT NULL,
    "caBundle" TEXT,
    "insecureSkipTlsVerify" BOOLEAN NOT NULL DEFAULT false,
    "authKind" "ClusterAuthKind" NOT NULL,
    "encryptedCredentials" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "lastCheckResult" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "isProduction" BOOLEAN NOT NULL DEFAULT false,
    "clusterId" UUID,
    "namespace" TEXT NOT NULL,
    "workloadKind" "WorkloadKind" NOT NULL DEFAULT 'Deployment',
    "workloadName" TEXT NOT NULL,
    "containerName" TEXT NOT NULL,
    "requiredApprovals" INTEGER NOT NULL DEFAULT 0,
    "requireUpstreamSuccess" BOOLEAN NOT NULL DEFAULT true,
    "minSoakMinutes" INTEGER NOT NULL DEFAULT 0,
    "autoRollback" BOOLEAN NOT NULL DEFAULT true,
    "requireSignature" BOOLEAN NOT NULL DEFAULT false,
    "signingPublicKeys" TEXT[],
    "verificationTemplate" JSONB,
    "prometheusUrl" TEXT,
    "prometheusToken" TEXT,
    "verificationMinutes" INTEGER NOT NULL DEFAULT 10,
    "noDataPolicy" "NoDataPolicy" NOT NULL DEFAULT 'Inconclusive',
    "heldAt" TIMESTAMP(3),
    "holdReason" TEXT,
    "heldById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "kind" "FreezeKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "dayOfWeek" INTEGER,
    "startMinute" INTEGER,
    "durationMinutes" INTEGER,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Artifact" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "gitSha" TEXT NOT NULL,
    "commitTime" TIMESTAMP(3) NOT NULL,
    "imageRepository" TEXT NOT NULL,
    "imageDigest" TEXT NOT NULL,
    "buildUrl" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "signature" TEXT,
    "provenance" JSONB,
    "registeredByUserId" UUID,
    "registeredByTokenId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtifactCommit" (
    "id" UUID NOT NULL,
    "artifactId" UUID NOT NULL,
    "sha" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "committedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArtifactCommit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Promotion" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "artifactId" UUID NOT NULL,
    "kind" "PromotionKind" NOT NULL DEFAULT 'Promotion',
    "status" "PromotionStatus" NOT NULL DEFAULT 'PendingApproval',
    "reason" TEXT NOT NULL DEFAULT '',
    "requestedById" UUID,
    "requestedByTokenId" UUID,
    "idempotencyKey" TEXT,
    "freezeOverrideReason" TEXT,
    "failureReason" TEXT,
    "rolloutProgress" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" UUID NOT NULL,
    "promotionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "isProduction" BOOLEAN NOT NULL,
    "artifactId" UUID NOT NULL,
    "previousArtifactId" UUID,
    "promotionId" UUID,
    "isRollback" BOOLEAN NOT NULL DEFAULT false,
    "outcome" "DeploymentOutcome" NOT NULL DEFAULT 'InProgress',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Analysis" (
    "id" UUID NOT NULL,
    "deploymentId" UUID NOT NULL,
    "promotionId" UUID,
    "status" "AnalysisStatus" NOT NULL DEFAULT 'Pending',
    "verdict" "AnalysisVerdict",
    "score" DOUBLE PRECISION,
    "summary" TEXT NOT NULL DEFAULT '',
    "baselineStart" TIMESTAMP(3) NOT NULL,
    "baselineEnd" TIMESTAMP(3) NOT NULL,
    "canaryStart" TIMESTAMP(3) NOT NULL,
    "canaryEnd" TIMESTAMP(3) NOT NULL,
    "template" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Analysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalysisMetricResult" (
    "id" UUID NOT NULL,
    "analysisId" UUID NOT NULL,
    "metricName" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "direction" "MetricDirection" NOT NULL,
    "tolerance" DOUBLE PRECISION NOT NULL,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "status" "MetricResultStatus" NOT NULL,
    "pValue" DOUBLE PRECISION,
    "effect" DOUBLE PRECISION,
    "baselineSummary" JSONB NOT NULL,
    "canarySummary" JSONB NOT NULL,
    "baselineSamples" DOUBLE PRECISION[],
    "canarySamples" DOUBLE PRECISION[],
    "explanation" TEXT NOT NULL,

    CONSTRAINT "AnalysisMetricResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "environmentId" UUID,
    "deploymentId" UUID,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'unknown',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "fingerprint" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "actorTokenId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "serviceId" UUID,
    "environmentId" UUID,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

-- CreateIndex
CREATE INDEX "TeamMembership_userId_idx" ON "TeamMembership"("userId");

-- CreateIndex
CREATE INDEX "RoleBinding_userId_idx" ON "RoleBinding"("userId");

-- CreateIndex
CREATE INDEX "RoleBinding_teamId_idx" ON "RoleBinding"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_occurredAt_idx" ON "LoginAttempt"("email", "occurredAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_occurredAt_idx" ON "LoginAttempt"("ip", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Service_slug_key" ON "Service"("slug");

-- CreateIndex
CREATE INDEX "Service_teamId_idx" ON "Service"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_serviceId_name_key" ON "Environment"("serviceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_serviceId_position_key" ON "Environment"("serviceId", "position");

-- CreateIndex
CREATE INDEX "FreezeWindow_environmentId_idx" ON "FreezeWindow"("environmentId");

-- CreateIndex
CREATE INDEX "Artifact_serviceId_createdAt_idx" ON "Artifact"("serviceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Artifact_gitSha_idx" ON "Artifact"("gitSha");

-- CreateIndex
CREATE UNIQUE INDEX "Artifact_serviceId_imageDigest_key" ON "Artifact"("serviceId", "imageDigest");

-- CreateIndex
CREATE INDEX "ArtifactCommit_sha_idx" ON "ArtifactCommit"("sha");

-- CreateIndex
CREATE INDEX "ArtifactCommit_authorEmail_idx" ON "ArtifactCommit"("authorEmail");

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactCommit_artifactId_sha_key" ON "ArtifactCommit"("artifactId", "sha");

-- CreateIndex
CREATE INDEX "Promotion_environmentId_createdAt_idx" ON "Promotion"("environmentId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Promotion_artifactId_idx" ON "Promotion"("artifactId");

-- CreateIndex
CREATE INDEX "Promotion_status_idx" ON "Promotion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Promotion_requestedById_idempotencyKey_key" ON "Promotion"("requestedById", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Promotion_one_active_per_environment" ON "Promotion"("environmentId") WHERE (status = ANY (ARRAY['Deploying'::"PromotionStatus", 'Verifying'::"PromotionStatus"]));

-- CreateIndex
CREATE UNIQUE INDEX "Approval_promotionId_userId_key" ON "Approval"("promotionId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_promotionId_key" ON "Deployment"("promotionId");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_startedAt_idx" ON "Deployment"("environmentId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Deployment_isProduction_finishedAt_serviceId_idx" ON "Deployment"("isProduction", "finishedAt", "serviceId");

-- CreateIndex
CREATE INDEX "Deployment_serviceId_finishedAt_idx" ON "Deployment"("serviceId", "finishedAt");

-- CreateIndex
CREATE INDEX "Deployment_artifactId_idx" ON "Deployment"("artifactId");

-- CreateIndex
CREATE INDEX "Analysis_deploymentId_idx" ON "Analysis"("deploymentId");

-- CreateIndex
CREATE INDEX "Analysis_promotionId_idx" ON "Analysis"("promotionId");

-- CreateIndex
CREATE UNIQUE INDEX "AnalysisMetricResult_analysisId_metricName_key" ON "AnalysisMetricResult"("analysisId", "metricName");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_fingerprint_key" ON "Incident"("fingerprint");

-- CreateIndex
CREATE INDEX "Incident_serviceId_openedAt_idx" ON "Incident"("serviceId", "openedAt");

-- CreateIndex
CREATE INDEX "Incident_deploymentId_idx" ON "Incident"("deploymentId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_occurredAt_idx" ON "AuditEvent"("actorUserId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_serviceId_occurredAt_idx" ON "AuditEvent"("serviceId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- AddForeignKey
ALTER TABLE "TeamMembership" ADD CONSTRAINT "TeamMembership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMembership" ADD CONSTRAINT "TeamMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_scopeTeamId_fkey" FOREIGN KEY ("scopeTeamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_scopeServiceId_fkey" FOREIGN KEY ("scopeServiceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_scopeEnvironmentId_fkey" FOREIGN KEY ("scopeEnvironmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_heldById_fkey" FOREIGN KEY ("heldById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_registeredByTokenId_fkey" FOREIGN KEY ("registeredByTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactCommit" ADD CONSTRAINT "ArtifactCommit_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_requestedByTokenId_fkey" FOREIGN KEY ("requestedByTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_previousArtifactId_fkey" FOREIGN KEY ("previousArtifactId") REFERENCES "Artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalysisMetricResult" ADD CONSTRAINT "AnalysisMetricResult_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorTokenId_fkey" FOREIGN KEY ("actorTokenId") REFERENCES "ApiToken"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Invariants Prisma's schema language cannot express.

-- A role binding has exactly one subject (a user or a team) ...
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_one_subject"
  CHECK (num_nonnulls("userId", "teamId") = 1);
-- ... and at most one scope (none = global).
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_at_most_one_scope"
  CHECK (num_nonnulls("scopeTeamId", "scopeServiceId", "scopeEnvironmentId") <= 1);

ALTER TABLE "Environment" ADD CONSTRAINT "Environment_position_non_negative" CHECK ("position" >= 0);
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_required_approvals_range" CHECK ("requiredApprovals" BETWEEN 0 AND 10);
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_min_soak_non_negative" CHECK ("minSoakMinutes" >= 0);

-- Digest-pinned image references only: a tag could change meaning after approval.
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_digest_format" CHECK ("imageDigest" ~ '^sha256:[0-9a-f]{64}$');

ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_shape" CHECK (
  ("kind" = 'OneOff' AND "startsAt" IS NOT NULL AND "endsAt" IS NOT NULL AND "endsAt" > "startsAt")
  OR ("kind" = 'Weekly' AND "dayOfWeek" BETWEEN 0 AND 6 AND "startMinute" BETWEEN 0 AND 1439
      AND "durationMinutes" BETWEEN 1 AND 10080)
);

ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_finished_after_start"
  CHECK ("finishedAt" IS NULL OR "finishedAt" >= "startedAt");
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_resolved_after_open"
  CHECK ("resolvedAt" IS NULL OR "resolvedAt" >= "openedAt");

-- The audit trail is append-only, whatever the application does.
CREATE FUNCTION gantry_reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION gantry_reject_audit_change();
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION gantry_reject_audit_change();
