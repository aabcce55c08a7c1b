/** The domain's conformance cases on Postgres: a cluster of the test's own, a new database per case. */
import { afterAll, beforeAll } from "vitest";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { storeCases } from "./store.cases.js";

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(() => postgres?.stop());

storeCases("Postgres", { fresh: async () => ({ url: await postgres.createDatabase() }) });
