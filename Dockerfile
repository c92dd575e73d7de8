# syntax=docker/dockerfile:1
# Neuvottelu as a container image. The build stage runs scripts/package.mjs — the same script the
# production-build test runs (test/api/productionBuild.test.ts) — and the image runs its output
# with plain node and production dependencies only.

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: nothing the build or the server needs has one (esbuild's binary and
# argon2's come as optional packages); the benchmark's native peers are not built.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/package.mjs /app

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
# The embedded engine's files; with MONGODB_URI set the volume stays empty.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains: not ready first, requests in flight finish, live rooms are stored.
STOPSIGNAL SIGTERM
# No demo switch: a container is for others to reach, and never seeds the demo group.
CMD ["node", "scripts/start.mjs", "main"]
