import type { Role } from "@/lib/db/generated/enums";

// Plain data with no runtime imports, so the development login page can list the demo accounts
// without pulling the database client or argon2 into its bundle.

/** The password of every demo account. Demo data is only seeded into development databases. */
export const DEMO_PASSWORD = "gantry-demo";

export interface DemoUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  /** Where the role applies, for people: "global", a team, or "service / environment". */
  scope: string;
  description: string;
}

export const DEMO_USERS = [
  {
    email: "admin@example.com",
    name: "Ada Ramos",
    password: DEMO_PASSWORD,
    role: "admin",
    scope: "global",
    description: "Manages clusters, users, tokens and environment policy; can override freezes.",
  },
  {
    email: "viewer@example.com",
    name: "Victor Hale",
    password: DEMO_PASSWORD,
    role: "viewer",
    scope: "global",
    description: "Engineering lead: reads pipelines, promotions, verification results, DORA and the audit trail.",
  },
  {
    email: "deployer@example.com",
    name: "Dana Whitfield",
    password: DEMO_PASSWORD,
    role: "deployer",
    scope: "Payments team (payments-api, ledger, checkout-web)",
    description: "Payments engineer: registers artifacts and requests promotions. Her own commits never count toward approval.",
  },
  {
    email: "growth-deployer@example.com",
    name: "Gabriel Costa",
    password: DEMO_PASSWORD,
    role: "deployer",
    scope: "Growth team (growth-api, notifications), through the team's binding",
    description: "Growth engineer: deploys the Growth services because the Growth team holds the deployer role.",
  },
  {
    email: "approver@example.com",
    name: "Alex Moreau",
    password: DEMO_PASSWORD,
    role: "approver",
    scope: "global",
    description: "Release manager: approves or rejects promotions for every service.",
  },
  {
    email: "prod-approver@example.com",
    name: "Priya Raman",
    password: DEMO_PASSWORD,
    role: "approver",
    scope: "payments-api / prod, ledger / prod",
    description: "Second approver for Payments production, where two approvals are required.",
  },
  {
    email: "oncall@example.com",
    name: "Omar Haddad",
    password: DEMO_PASSWORD,
    role: "operator",
    scope: "global",
    description: "On-call engineer: one-click rollback, abort, environment holds and incidents.",
  },
] as const satisfies readonly DemoUser[];

export type DemoUserEmail = (typeof DEMO_USERS)[number]["email"];
