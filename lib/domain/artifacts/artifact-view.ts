export const artifactInclude = { commits: { orderBy: { committedAt: "desc" } }, service: { select: { slug: true } } } as const;

type Row = {
  id: string;
  serviceId: string;
  version: string;
  gitSha: string;
  commitTime: Date;
  imageRepository: string;
  imageDigest: string;
  buildUrl: string | null;
  labels: unknown;
  signature?: string | null;
  createdAt: Date;
  service: { slug: string };
  commits: { sha: string; message: string; authorName: string; authorEmail: string; committedAt: Date }[];
};

export function toArtifactView(row: Row) {
  return {
    id: row.id,
    service: row.service.slug,
    serviceId: row.serviceId,
    version: row.version,
    gitSha: row.gitSha,
    commitTime: row.commitTime,
    image: `${row.imageRepository}@${row.imageDigest}`,
    imageRepository: row.imageRepository,
    imageDigest: row.imageDigest,
    buildUrl: row.buildUrl,
    labels: row.labels as Record<string, string>,
    /** Carries a cosign-style signature (whether it is trusted depends on the environment's keys). */
    signed: row.signature != null,
    createdAt: row.createdAt,
    commits: row.commits.map((c) => ({ sha: c.sha, message: c.message, author: { name: c.authorName, email: c.authorEmail }, time: c.committedAt })),
  };
}

export type ArtifactView = ReturnType<typeof toArtifactView>;
