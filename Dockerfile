# Deal Room: one app instance (SQLite by default; PostgreSQL when DATABASE_URL is set).
# Not exercised by the test suite: see README, "Production on PostgreSQL".
#   docker build -t deal-room .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… deal-room

# Native modules (better-sqlite3) build here if no prebuilt binary fits.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# Everything, to build the client and the server bundle (dist/client, dist/server).
FROM toolchain AS build
RUN npm ci
COPY . .
RUN npm run build

# What runs: production dependencies only (no embedded PostgreSQL, no Chromium).
FROM toolchain AS runtime-deps
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
# The sources only for the tsx scripts (npm run db:migrate, backup); the app runs from dist.
COPY package.json package-lock.json tsconfig.json ./
COPY server ./server
COPY shared ./shared
COPY scripts ./scripts
COPY --from=build /app/dist ./dist
# SQLite's default file lives here; unused with DATABASE_URL.
RUN mkdir -p data && chown node:node data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrates (under an advisory lock on PostgreSQL), seeds if SEED_DEMO=1 and the database is empty, then serves.
# What `npm start` runs (the same Node flags: docs/decisions/0031), without its prestart build check (dist comes from the build stage and
# /app is not writable here), and with Node as PID 1 so SIGTERM reaches the graceful drain.
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "dist/server/index.js"]
