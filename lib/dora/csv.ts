import { csvCell } from "@/lib/domain/audit/audit-csv";
import type { DoraAggregates } from "./classify";
import type { CommitDrillRow, DeploymentDrillRow, FailureDrillRow } from "./drilldown-queries";

/** CSV exports of the DORA page: what a lead pastes into a spreadsheet to check a number. */

function toCsv(header: readonly string[], rows: unknown[][]): string {
  return [header.join(","), ...rows.map((row) => row.map(csvCell).join(","))].join("\r\n") + "\r\n";
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 1000) / 1000);
const ratio = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export interface PeriodRow extends DoraAggregates {
  label: string;
  start: string;
  days: number;
  changeFailureRate: number | null;
}

export function periodsToCsv(rows: PeriodRow[]): string {
  return toCsv(
    ["row", "start", "days", "deployments", "deploy_days", "changes", "failed_changes", "change_failure_rate", "lead_time_commits", "lead_time_excluded", "lead_time_median_hours", "lead_time_p90_hours", "failures", "restored", "time_to_restore_median_hours"],
    rows.map((r) => [
      r.label,
      r.start,
      Math.round(r.days * 1000) / 1000,
      r.deployments,
      r.deployDays,
      r.changes,
      r.failedChanges,
      ratio(r.changeFailureRate),
      r.leadTimeCommits,
      r.leadTimeExcluded,
      hours(r.leadTimeMedianSeconds),
      hours(r.leadTimeP90Seconds),
      r.failures,
      r.restored,
      hours(r.restoreMedianSeconds),
    ]),
  );
}

export function deploymentsToCsv(rows: DeploymentDrillRow[]): string {
  return toCsv(
    ["deployment_id", "service", "environment", "version", "git_sha", "started_at", "finished_at", "outcome", "rollback", "counts_as_deployment", "failed_change", "failed_verification", "incidents"],
    rows.map((r) => [r.id, r.service, r.environment, r.version, r.gitSha, r.startedAt, r.finishedAt, r.outcome, r.isRollback, r.successful, r.failedChange, r.failedVerification, r.incidents.map((i) => i.title).join("; ")]),
  );
}

export function commitsToCsv(rows: CommitDrillRow[]): string {
  return toCsv(
    ["sha", "service", "author_name", "author_email", "message", "committed_at", "deployed_at", "deployment_id", "version", "lead_time_hours", "excluded"],
    rows.map((r) => [r.sha, r.service, r.authorName, r.authorEmail, r.message.split("\n")[0], r.committedAt, r.deployedAt, r.deploymentId, r.version, hours(r.leadTimeSeconds), r.excluded]),
  );
}

export function failuresToCsv(rows: FailureDrillRow[]): string {
  return toCsv(
    ["kind", "id", "title", "severity", "service", "environment", "deployment_id", "deployment_version", "started_at", "restored_at", "time_to_restore_hours", "restored_by_deployment", "restored_by_version", "restored_by_rollback"],
    rows.map((r) => [
      r.kind,
      r.id,
      r.title,
      r.severity,
      r.service,
      r.environment,
      r.deployment?.id,
      r.deployment?.version,
      r.startedAt,
      r.restoredAt,
      hours(r.restoreSeconds),
      r.restoredBy?.id,
      r.restoredBy?.version,
      r.restoredBy ? r.restoredBy.isRollback : null,
    ]),
  );
}
