// The fictional organisation behind the demo data: two teams with different delivery habits.

/**
 * The sandbox Kubernetes APIs the demo environments deploy to (see lib/sandbox), on fixed ports so
 * their state under .data survives restarts. `npm run dev` points the rows at the real URLs.
 */
export const SANDBOX_CLUSTERS = [
  { name: "sandbox-east", port: 16443 },
  { name: "sandbox-west", port: 16444 },
] as const;
export type SandboxClusterName = (typeof SANDBOX_CLUSTERS)[number]["name"];
export const sandboxClusterUrl = (port: number) => `https://127.0.0.1:${port}`;
/** Where each demo stage runs: dev and staging on sandbox-east, prod spans both clusters. */
export const SANDBOX_PLACEMENT: Record<EnvironmentName, readonly SandboxClusterName[]> = {
  dev: ["sandbox-east"],
  staging: ["sandbox-east"],
  prod: ["sandbox-east", "sandbox-west"],
};
/** The single cluster of demo data made before environments spanned clusters (see lib/sandbox/dev-sandbox.ts). */
export const LEGACY_SANDBOX_CLUSTER_NAME = "sandbox";

export const IMAGE_REGISTRY = "registry.example.com";

export interface DeliveryProfile {
  /** Hours between builds on main (median, log-normal spread). */
  buildEveryHours: number;
  buildSpread: number;
  /** Hours a commit waits before it is merged and built, for the earliest commit of a build. */
  commitSpanHours: [number, number];
  /** Chance a dev build is taken to staging, and hours it waits first. */
  stagingChance: number;
  stagingDelayHours: [number, number];
  /** Chance a staged build is proposed for prod; hours after the soak it is requested. */
  prodChance: number;
  prodDelayHours: [number, number];
  /** Minimum days between two prod releases (batching teams release less often). */
  prodMinGapDays: [number, number];
  /** Minutes from request to each approval. */
  approvalMinutes: [number, number];
  rejectChance: number;
  failure: { dev: number; staging: number; prodRollout: number; prodRegression: number };
  marginalChance: number;
  /** Regressions caught by verification are rolled back automatically within minutes. */
  autoRollback: boolean;
  /** Manual path: hours until someone notices, then hours until the rollback. */
  detectHours: [number, number];
  rollbackHours: [number, number];
  incidentChanceOnAutoRollback: number;
}

export const PROFILES = {
  // Elite: small batches several times a week, two approvals on money paths, fast automatic restore.
  elite: {
    buildEveryHours: 16,
    buildSpread: 0.45,
    commitSpanHours: [0.3, 6],
    stagingChance: 0.85,
    stagingDelayHours: [0.3, 3],
    prodChance: 0.75,
    prodDelayHours: [0.1, 3],
    prodMinGapDays: [0, 0],
    approvalMinutes: [4, 70],
    rejectChance: 0.04,
    failure: { dev: 0.03, staging: 0.03, prodRollout: 0.02, prodRegression: 0.05 },
    marginalChance: 0.1,
    autoRollback: true,
    detectHours: [0, 0],
    rollbackHours: [0, 0],
    incidentChanceOnAutoRollback: 0.6,
  },
  // Medium: releases weekly to monthly, bigger batches, regressions found by customers and rolled back by hand.
  medium: {
    buildEveryHours: 40,
    buildSpread: 0.5,
    commitSpanHours: [4, 72],
    stagingChance: 0.6,
    stagingDelayHours: [2, 30],
    prodChance: 1,
    prodDelayHours: [2, 48],
    prodMinGapDays: [6, 22],
    approvalMinutes: [45, 600],
    rejectChance: 0.08,
    failure: { dev: 0.06, staging: 0.08, prodRollout: 0.08, prodRegression: 0.22 },
    marginalChance: 0.25,
    autoRollback: false,
    detectHours: [0.5, 6],
    rollbackHours: [1, 10],
    incidentChanceOnAutoRollback: 0,
  },
} as const satisfies Record<string, DeliveryProfile>;

export interface Engineer {
  name: string;
  email: string;
}

export interface TeamSpec {
  slug: string;
  name: string;
  profile: keyof typeof PROFILES;
  /** Demo user who requests promotions (and owns the team's CI token). */
  deployerEmail: string;
  /** People committing to the team's services; never approvers. */
  engineers: Engineer[];
}

export const TEAMS: TeamSpec[] = [
  {
    slug: "payments",
    name: "Payments",
    profile: "elite",
    deployerEmail: "deployer@example.com",
    engineers: [
      { name: "Dana Whitfield", email: "deployer@example.com" },
      { name: "Mei Chen", email: "mei.chen@example.com" },
      { name: "Jonas Berg", email: "jonas.berg@example.com" },
      { name: "Aisha Bello", email: "aisha.bello@example.com" },
      { name: "Tomás Ortega", email: "tomas.ortega@example.com" },
    ],
  },
  {
    slug: "growth",
    name: "Growth",
    profile: "medium",
    deployerEmail: "growth-deployer@example.com",
    engineers: [
      { name: "Gabriel Costa", email: "growth-deployer@example.com" },
      { name: "Hannah Kim", email: "hannah.kim@example.com" },
      { name: "Luca Romano", email: "luca.romano@example.com" },
      { name: "Sven Larsen", email: "sven.larsen@example.com" },
    ],
  },
];

export interface ServiceSpec {
  slug: string;
  name: string;
  team: string;
  description: string;
  firstVersion: [number, number, number];
  /** Approvals required for prod. */
  prodApprovals: number;
  /** Typical production behaviour, for verification samples. */
  baseline: { errorRatio: number; p95Ms: number; cpuCores: number };
  commitMessages: string[];
}

const sharedMessages = [
  "chore(deps): bump zod from 4.6.5 to 4.6.7",
  "chore(deps): bump pg from 8.22.0 to 8.23.1",
  "ci: cache node_modules between pipeline runs",
  "chore: tighten lint rules for floating promises",
  "test: cover the empty-page case of the list endpoint",
  "docs: describe the on-call runbook for this service",
  "refactor: extract request logging into middleware",
  "fix: include request id in error responses",
  "chore: raise readiness probe timeout to 3s",
  "perf: reuse HTTP keep-alive agent for outbound calls",
];

const serviceSpecs: ServiceSpec[] = [
  {
    slug: "payments-api",
    name: "Payments API",
    team: "payments",
    description: "Public API for authorising, capturing and refunding card payments.",
    firstVersion: [1, 38, 0],
    prodApprovals: 2,
    baseline: { errorRatio: 0.0018, p95Ms: 142, cpuCores: 0.42 },
    commitMessages: [
      "feat(refunds): support partial refunds on captured charges",
      "fix(capture): round fee amounts half-even before persisting",
      "feat(api): accept Idempotency-Key on POST /v1/charges",
      "fix(webhooks): retry merchant callbacks with jittered backoff",
      "perf(charges): cache merchant configuration for 30s",
      "feat(3ds): pass browser fingerprint to the 3-D Secure provider",
      "fix(auth): reject expired API keys with 401 instead of 500",
      "feat(payouts): expose payout schedule on the merchant endpoint",
      "fix(currency): handle zero-decimal currencies (JPY, KRW)",
      "feat(disputes): record evidence submission deadlines",
      "refactor(charges): split authorisation and capture services",
      "fix(api): validate amount is a positive integer",
    ],
  },
  {
    slug: "ledger",
    name: "Ledger",
    team: "payments",
    description: "Double-entry ledger recording every money movement; source of truth for balances.",
    firstVersion: [3, 12, 0],
    prodApprovals: 2,
    baseline: { errorRatio: 0.0006, p95Ms: 48, cpuCores: 0.31 },
    commitMessages: [
      "feat(entries): add reversal entries linked to the original posting",
      "fix(balances): lock account rows in a stable order to avoid deadlocks",
      "perf(balances): read running balance from the snapshot table",
      "feat(reconciliation): export daily settlement report as CSV",
      "fix(fx): store exchange rate with 10 decimal places",
      "feat(accounts): support frozen accounts",
      "fix(postings): reject postings whose legs do not sum to zero",
      "refactor(db): move ledger queries into repository module",
      "feat(audit): emit posting events to the outbox table",
      "fix(reports): use settlement date rather than created date",
    ],
  },
  {
    slug: "checkout-web",
    name: "Checkout Web",
    team: "payments",
    description: "Hosted checkout page and payment form embedded by merchants.",
    firstVersion: [2, 71, 0],
    prodApprovals: 1,
    baseline: { errorRatio: 0.0031, p95Ms: 310, cpuCores: 0.18 },
    commitMessages: [
      "feat(form): show card brand icon while typing",
      "fix(a11y): announce validation errors to screen readers",
      "feat(wallets): offer Apple Pay when the device supports it",
      "fix(form): keep entered email when 3-D Secure fails",
      "perf: lazy-load the address autocomplete bundle",
      "feat(i18n): add Polish and Czech translations",
      "fix(layout): stop the pay button jumping on iOS Safari",
      "feat: remember the last used payment method per customer",
      "fix(csp): allow the fraud-check script from the new CDN host",
    ],
  },
  {
    slug: "growth-api",
    name: "Growth API",
    team: "growth",
    description: "Referral programme, promotions and experiment assignment.",
    firstVersion: [0, 19, 0],
    prodApprovals: 1,
    baseline: { errorRatio: 0.0042, p95Ms: 188, cpuCores: 0.24 },
    commitMessages: [
      "feat(referrals): reward both referrer and invitee",
      "feat(experiments): sticky assignment by account id",
      "fix(promo-codes): treat codes case-insensitively",
      "feat(campaigns): schedule campaigns in the merchant's time zone",
      "fix(referrals): stop double-crediting when the webhook repeats",
      "perf(experiments): precompute bucket boundaries at startup",
      "feat(segments): target promotions by signup cohort",
      "fix(api): paginate /v1/campaigns with a stable sort",
      "refactor: replace hand-written SQL with query builder",
    ],
  },
  {
    slug: "notifications",
    name: "Notifications",
    team: "growth",
    description: "Sends email, SMS and push notifications with per-user preferences.",
    firstVersion: [1, 7, 0],
    prodApprovals: 1,
    baseline: { errorRatio: 0.0055, p95Ms: 95, cpuCores: 0.12 },
    commitMessages: [
      "feat(email): new receipt template with itemised taxes",
      "fix(sms): respect quiet hours in the recipient's time zone",
      "feat(push): collapse duplicate notifications within 5 minutes",
      "fix(preferences): honour unsubscribe for marketing category",
      "feat(digest): weekly summary email for merchants",
      "fix(email): escape merchant names in subject lines",
      "perf(queue): send in batches of 100 to the email provider",
      "feat(templates): preview templates with sample data",
    ],
  },
];

export const SERVICES: ServiceSpec[] = serviceSpecs.map((service) => ({ ...service, commitMessages: [...service.commitMessages, ...sharedMessages] }));

export const ENVIRONMENT_NAMES = ["dev", "staging", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];
