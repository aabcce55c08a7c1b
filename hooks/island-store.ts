/**
 * An island's props and connection state as an external store (islands/host.ts reads it
 * with useSyncExternalStore): props from the container's `data-props`, parsed by the
 * contract; what the server rendered with (`data-ssr-props`) for hydration.
 */
import { describeIssues, type AnyIsland } from "../islands/contract.js";
import type { IslandSnapshot, IslandStore } from "../islands/host.js";

/** Reads props JSON against the contract; undefined (and a console error) when unusable. */
export function readProps(contract: AnyIsland, where: string, json: string | null | undefined): { props: unknown } | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? "");
  } catch {
    console.error(`[lagoon] ${where}: unreadable props`);
    return undefined;
  }
  const parsed = contract.props.safeParse(raw);
  if (parsed.success) return { props: parsed.data };
  console.error(`[lagoon] ${where}: props do not match the contract: ${describeIssues(parsed.error.issues)}`);
  return undefined;
}

export class PropsStore implements IslandStore {
  #snapshot: IslandSnapshot;
  readonly #server: IslandSnapshot;
  readonly #listeners = new Set<() => void>();

  /** `server` is what the server rendered with (hydration starts from it), if it differs. */
  constructor(initial: IslandSnapshot, server?: IslandSnapshot) {
    this.#snapshot = initial;
    this.#server = server ?? initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly get = (): IslandSnapshot => this.#snapshot;

  readonly getServer = (): IslandSnapshot => this.#server;

  set(next: Partial<IslandSnapshot>): void {
    if (Object.entries(next).every(([k, v]) => this.#snapshot[k as keyof IslandSnapshot] === v)) return;
    this.#snapshot = { ...this.#snapshot, ...next };
    for (const listener of this.#listeners) listener();
  }

  clear(): void {
    this.#listeners.clear();
  }
}
