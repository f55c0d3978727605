# syntax=docker/dockerfile:1
#
# Gantry's production image: the Next.js standalone server (web + API), plus what the admin CLI
# needs to run migrations and other `npm run gantry` commands against DATABASE_URL.
#
#   docker build -t gantry .
#   docker run --rm --env-file gantry.env gantry npm run db:migrate      # apply migrations
#   docker run -d -p 3000:3000 --env-file gantry.env gantry              # serve on :3000
#
# gantry.env holds at least DATABASE_URL, NEXTAUTH_SECRET, GANTRY_ENCRYPTION_KEY and NEXTAUTH_URL
# (see README.md, "Configuration"). CI proves the same build and standalone server (`npm run build`,
# then scripts/check-standalone.ts), as no Docker engine is available there.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency, and the generated Prisma client (postinstall) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    PRISMA_SCHEMA_ENGINE_BINARY=package.json \
    CHECKPOINT_DISABLE=1
# Same npm major as development and CI.
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# `npm install`, not `npm ci`: the lockfile can list platform packages `npm ci` refuses to resolve.
RUN npm install --no-audit --no-fund

# ---- build: next build (output: "standalone") ----
FROM deps AS build
COPY . .
RUN mkdir -p public && npm run build

# ---- prod-deps: runtime dependencies only (tsx, pg, Prisma runtime, schema engine wasm, …) ----
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container id, and the standalone server listens on it.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN groupadd --system --gid 1001 gantry \
 && useradd --system --uid 1001 --gid gantry --create-home --home-dir /home/gantry --shell /usr/sbin/nologin gantry

# The standalone server, with its static assets beside it (next build leaves those out).
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# Full runtime node_modules over the traced subset, so the CLI (run by tsx) finds what it imports.
COPY --from=prod-deps /app/node_modules ./node_modules
# The CLI: `npm run gantry -- <command>`, `npm run db:migrate` (TypeScript, run by tsx).
COPY --from=build /app/package.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/lib ./lib
COPY --from=build /app/prisma ./prisma

# Code stays root-owned and read-only to the app; only Next's cache is writable.
RUN mkdir -p .next/cache && chown gantry:gantry .next/cache
USER gantry

EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]

CMD ["node", "server.js"]
