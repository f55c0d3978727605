/** Container image references: `registry/repo[:tag][@sha256:…]`. */
export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function parseImageRef(ref: string): ImageRef {
  const [name, digest] = ref.split("@", 2) as [string, string | undefined];
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const hasTag = colon > slash;
  return {
    repository: hasTag ? name.slice(0, colon) : name,
    ...(hasTag ? { tag: name.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

export function digestOf(ref: string | undefined | null): string | undefined {
  if (!ref) return undefined;
  const digest = parseImageRef(ref).digest;
  return digest && DIGEST.test(digest) ? digest : undefined;
}

export function isDigestPinned(ref: string) {
  return digestOf(ref) !== undefined && /^[^\s@]+@sha256:[a-f0-9]{64}$/.test(ref);
}

/** Same content: equal digests when both are pinned (a digest names the bytes), else equal strings. */
export function sameImage(a: string | undefined | null, b: string | undefined | null) {
  if (!a || !b) return false;
  const da = digestOf(a);
  const db = digestOf(b);
  if (da && db) return da === db;
  return a === b;
}
