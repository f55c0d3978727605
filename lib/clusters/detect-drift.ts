import { clusterClient, type CallOptions } from "./client";
import { digestOf, sameImage } from "./image-ref";
import { ANNOTATIONS, getDeployment, requireContainer } from "./read-workload";
import { checkTarget, type WorkloadTarget } from "./target";

export interface DriftReport {
  drifted: boolean;
  expected: { imageRef: string; digest?: string };
  live: { image: string; digest?: string; promotionId?: string; changeCause?: string };
  message: string;
}

/**
 * Compares the live image with what Gantry last deployed there. Pinned references compare by
 * digest (the content), so the same digest under another spelling is not drift.
 */
export async function detectDrift(target: WorkloadTarget, expected: { imageRef: string }, options: CallOptions = {}): Promise<DriftReport> {
  checkTarget(target);
  const client = clusterClient(target.cluster);
  const deployment = await getDeployment(client, target, options);
  const image = requireContainer(deployment, target);
  const annotations = deployment.metadata?.annotations ?? {};
  const drifted = !sameImage(image, expected.imageRef);
  const expectedDigest = digestOf(expected.imageRef);
  const liveDigest = digestOf(image);
  return {
    drifted,
    expected: { imageRef: expected.imageRef, ...(expectedDigest ? { digest: expectedDigest } : {}) },
    live: {
      image,
      ...(liveDigest ? { digest: liveDigest } : {}),
      ...(annotations[ANNOTATIONS.promotion] ? { promotionId: annotations[ANNOTATIONS.promotion] } : {}),
      ...(annotations[ANNOTATIONS.changeCause] ? { changeCause: annotations[ANNOTATIONS.changeCause] } : {}),
    },
    message: drifted
      ? `container "${target.containerName}" runs ${liveDigest ?? image}, but Gantry last deployed ${expectedDigest ?? expected.imageRef}`
      : `container "${target.containerName}" runs the image Gantry deployed`,
  };
}
