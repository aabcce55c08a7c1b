/** Before any test: the fixture app's client bundle, which fixture servers serve (fixture-server.ts). */
import { build } from "vite";

export default async function setup(): Promise<void> {
  await build({ configFile: new URL("./app/vite.config.ts", import.meta.url).pathname });
}
