/**
 * /metrics tells how the server is doing (routes, event names, memory): with
 * LAGOON_METRICS_TOKEN set, only a scraper sending `Authorization: Bearer <token>` reads
 * it. Unset, it is open in development (npm run dev, tests) and refused in production,
 * so a deployment never publishes it by forgetting the setting.
 */
import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";

export function metricsGuard(opts: { metricsToken?: string; production?: boolean }): MiddlewareHandler {
  if (opts.metricsToken) return bearerAuth({ token: opts.metricsToken });
  if (opts.production) return (c) => Promise.resolve(c.text("Set LAGOON_METRICS_TOKEN to read /metrics.\n", 403));
  return (_c, next) => next();
}
