import { buildClient as buildProductionClient } from '../../../scripts/build.mjs';

/** The browser tests run against the built client that the real server serves: build it once. */
export default async function buildClient() {
  // Leaves dist/client as `npm run build` would; the build also forces React's production build,
  // which Vitest's NODE_ENV=test would otherwise swap for the development one.
  await buildProductionClient();
}
