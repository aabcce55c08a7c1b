/**
 * The app's islands, as the Vite plugin (lagoon/vite) generates them from its islands
 * folder: a loader per island module (its component and contract), by islandKey(name)
 * (islands/contract.ts).
 */
declare module "virtual:lagoon/islands" {
  export const islands: Readonly<Record<string, () => Promise<{ readonly contract: unknown; readonly default: unknown }>>>;
}
