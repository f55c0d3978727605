/**
 * lib/clusters: the only code in Gantry that talks to Kubernetes (through @kubernetes/client-node).
 * It knows nothing about the sandbox; point a Cluster record at any API server.
 */
export { ClusterError, clusterErrorToAppError, toClusterError, type ClusterErrorKind } from "./errors";
export {
  caBundleSchema,
  credentialsSchema,
  describeCredentials,
  inspectKubeconfig,
  openCredentials,
  sealCredentials,
  type ClusterAuthKind,
  type ClusterCredentials,
  type KubeconfigSummary,
} from "./credentials";
export { buildKubeConfig, type ClusterConnection } from "./kube-config";
export { DEFAULT_REQUEST_TIMEOUT_MS, type CallOptions } from "./client";
export { checkTarget, workloadLocationSchema, type WorkloadKind, type WorkloadTarget } from "./target";
export { digestOf, isDigestPinned, parseImageRef, sameImage } from "./image-ref";
export { ANNOTATIONS, readWorkload, type WorkloadCondition, type WorkloadRevision, type WorkloadState } from "./read-workload";
export { deployImage, deployImageInputSchema, type DeployImageInput, type DeployImageResult } from "./deploy-image";
export { watchRollout, type RolloutProgress, type RolloutResult, type WatchRolloutOptions } from "./watch-rollout";
export { rollOutFleet, type FleetClusterOutcome, type FleetClusterResult, type FleetRolloutOptions, type FleetRolloutResult } from "./roll-out-fleet";
export { evaluateRollout, type RolloutFailureReason, type RolloutPhase, type RolloutSnapshot } from "./rollout";
export { detectDrift, type DriftReport } from "./detect-drift";
export { testConnection, type ConnectionReport, type DeploymentVerb } from "./test-connection";
