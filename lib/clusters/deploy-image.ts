import { PatchStrategy } from "@kubernetes/client-node";
import { z } from "zod";
import { clusterClient, type CallOptions } from "./client";
import { isDigestPinned } from "./image-ref";
import { ANNOTATIONS, getDeployment, requireContainer } from "./read-workload";
import { checkTarget, type WorkloadTarget } from "./target";

export const deployImageInputSchema = z.object({
  imageRef: z.string().refine(isDigestPinned, "must be an image reference pinned by digest (repo@sha256:…)"),
  promotionId: z.string().min(1).max(253),
  artifactId: z.string().min(1).max(253),
  changeCause: z.string().min(1).max(1024),
});

export type DeployImageInput = z.infer<typeof deployImageInputSchema>;

export interface DeployImageResult {
  /** False when the workload already carried this promotion and image: nothing was sent. */
  patched: boolean;
  previousImage: string;
  image: string;
  /** metadata.generation after the patch; watchRollout waits for observedGeneration to reach it. */
  generation: number;
  resourceVersion?: string;
}

/**
 * Points the target container at a digest-pinned image with a strategic-merge patch that also
 * records the promotion, artifact and change cause. Idempotent per promotion: a retry after a
 * crash or timeout finds its own annotation and image already live and sends nothing. (If someone
 * changed the image by hand since, the promotion's image is applied again.) Rollback is this same
 * call with the previous artifact's reference.
 */
export async function deployImage(target: WorkloadTarget, input: DeployImageInput, options: CallOptions = {}): Promise<DeployImageResult> {
  checkTarget(target);
  const { imageRef, promotionId, artifactId, changeCause } = deployImageInputSchema.parse(input);
  const client = clusterClient(target.cluster);
  const live = await getDeployment(client, target, options);
  // Checked before patching: a strategic merge on a container name that does not exist would add one.
  const previousImage = requireContainer(live, target);
  const annotations = live.metadata?.annotations ?? {};
  if (annotations[ANNOTATIONS.promotion] === promotionId && previousImage === imageRef) {
    return {
      patched: false,
      previousImage,
      image: previousImage,
      generation: live.metadata?.generation ?? 0,
      ...(live.metadata?.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
    };
  }
  const patch = {
    metadata: {
      annotations: {
        [ANNOTATIONS.promotion]: promotionId,
        [ANNOTATIONS.artifact]: artifactId,
        [ANNOTATIONS.changeCause]: changeCause,
      },
    },
    spec: { template: { spec: { containers: [{ name: target.containerName, image: imageRef }] } } },
  };
  const updated = await client.call(
    `patch deployment ${target.namespace}/${target.workloadName}`,
    (o) =>
      client.apps.patchNamespacedDeployment(
        { name: target.workloadName, namespace: target.namespace, body: patch, fieldManager: "gantry" },
        o,
      ),
    { ...options, contentType: PatchStrategy.StrategicMergePatch },
  );
  return {
    patched: true,
    previousImage,
    image: imageRef,
    generation: updated.metadata?.generation ?? 0,
    ...(updated.metadata?.resourceVersion ? { resourceVersion: updated.metadata.resourceVersion } : {}),
  };
}
