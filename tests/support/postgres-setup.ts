/**
 * Global setup of the "postgres" test project: one Postgres cluster for the run, whose URL
 * the tests read with inject("postgresUrl"); each demo() makes its own database there.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set in the "postgres" project only. */
    postgresUrl?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}
