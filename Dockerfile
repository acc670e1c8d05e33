# One image per app, built the same way for every app under apps/:
#
#   docker build --build-arg APP=platform -t mosaic/platform .
#
# build:   the whole workspace with dev dependencies; `npx nx build $APP` bundles the
#          app with esbuild into dist/apps/$APP/main.js (our libraries inlined, npm
#          packages left external; see tools/scripts/build-app.mjs) and its pages'
#          browser code into dist/apps/$APP/assets/ + page-assets.json.
# deps:    production dependencies only (`npm ci --omit=dev`), the bundle's externals.
# runtime: the bundle and those dependencies, run as the unprivileged `node` user.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG APP
RUN test -n "$APP" || (echo "build with --build-arg APP=<name of a folder under apps/>" >&2; exit 1)
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
RUN npx nx build "$APP" && test -f "dist/apps/$APP/main.js"

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production NODE_OPTIONS=--enable-source-maps PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/package.json ./package.json
COPY --from=build /workspace/dist/apps/${APP}/ ./dist/
# The embedded default keeps its files under ./data; the only place the app may write.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
