/**
 * Maps an OIDC profile's group claim to Gantry teams: a group whose name equals a team slug
 * (optionally prefixed "gantry-") makes the user a member of that team. Roles come from the
 * team's role bindings, so the IdP never grants permissions Gantry's admins did not define.
 */
export function teamSlugsFromGroups(claim: unknown, knownSlugs: string[]): string[] {
  const groups = Array.isArray(claim) ? claim.filter((g): g is string => typeof g === "string") : typeof claim === "string" ? claim.split(/[,\s]+/) : [];
  const known = new Set(knownSlugs);
  const slugs = groups.map((g) => g.trim().toLowerCase().replace(/^\//, "").replace(/^gantry-/, "")).filter((g) => known.has(g));
  return [...new Set(slugs)];
}
