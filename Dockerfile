# syntax=docker/dockerfile:1
# Multi-stage build: compile with dev dependencies, ship only production dependencies and dist/.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: "prepare" would build before the sources are copied; we build explicitly below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
COPY taxonomy ./taxonomy
# Run as the image's unprivileged "node" user, by number (uid:gid 1000:1000), so Kubernetes runAsNonRoot can verify it.
USER 1000:1000
# The default server.port; set another one with server.port in the config or env PROMPT_CENSUS_PORT (not with
# `worker --port`, which the health check cannot see).
EXPOSE 8787
# Configure with PROMPT_CENSUS_CONFIG=/etc/prompt-census/config.yaml and REDIS_URL.
# In a pod, set server.host to 0.0.0.0 only if something outside the pod must reach the sidecar.
# `healthcheck` reads the same config and env as `worker` and GETs /healthz on server.host:server.port.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "/app/bin/prompt-census.js", "healthcheck", "--timeout", "3000"]
ENTRYPOINT ["node", "--max-semi-space-size=64", "bin/prompt-census.js"]
CMD ["worker"]
