/**
 * Commands from the server to one island (`pushCommand`), in one queue: they may arrive
 * before the island's code has loaded, and before its component subscribes (effects run
 * after the first render). Each waits, in order, for its first handler; once the contract
 * is known each is decoded (typed JSON) and parsed by it where it is delivered. None is
 * dropped silently: past the queue's bound each one dropped is an error in the console and
 * in the server's telemetry (browser signals).
 */
import { describeIssues, type AnyIsland, type CommandValue } from "../islands/contract.js";
import { decodeValue, type Json } from "../islands/wire-values.js";
import { reportIslandError } from "./signals.js";

/** How many commands may wait for a handler; past it they are reported and dropped. */
export const MAX_WAITING_COMMANDS = 200;

type Handler = (payload: unknown) => void;

export class IslandCommands {
  readonly #where: string;
  readonly #island: string;
  readonly #handlers = new Map<string, Set<Handler>>();
  #waiting: unknown[] = [];
  #contract: AnyIsland | undefined;

  /** `island`: `Name#id`, as telemetry names it. */
  constructor(island: string) {
    this.#island = island;
    this.#where = `island ${island}`;
  }

  /** The island's code loaded: commands are checked against its contract from now on. */
  use(contract: AnyIsland): void {
    this.#contract = contract;
    this.#flush();
  }

  /** A command push event for this island. */
  receive(value: unknown): void {
    if (this.#contract && this.#deliver(value)) return;
    if (this.#waiting.length >= MAX_WAITING_COMMANDS) {
      const message = `${this.#where}: more than ${MAX_WAITING_COMMANDS} commands wait for a handler; this one is dropped`;
      console.error(`[lagoon] ${message}`, value);
      reportIslandError(this.#island, new Error(message), "commands");
      return;
    }
    this.#waiting.push(value);
  }

  /** Registers a handler for `command`; returns its unsubscribe (a useEffect cleanup). */
  on(command: string, handler: Handler): () => void {
    let set = this.#handlers.get(command);
    if (!set) this.#handlers.set(command, (set = new Set()));
    set.add(handler);
    this.#flush();
    return () => {
      set.delete(handler);
    };
  }

  clear(): void {
    this.#handlers.clear();
    this.#waiting = [];
  }

  #flush(): void {
    if (!this.#contract) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const value of waiting) if (!this.#deliver(value)) this.#waiting.push(value);
  }

  /** Hands a command to its handlers; false when none is registered yet (it should wait). */
  #deliver(value: unknown): boolean {
    const contract = this.#contract!;
    const { island, command, payload } = (value ?? {}) as Partial<CommandValue>;
    const schema = typeof command === "string" && Object.hasOwn(contract.commands, command) ? contract.commands[command] : undefined;
    if (island !== contract.name || !schema || command === undefined) {
      console.error(`[lagoon] ${this.#where}: unknown command ${String(island)}.${String(command)}`);
      return true;
    }
    let decoded: unknown;
    try {
      decoded = decodeValue(payload as Json);
    } catch (error) {
      console.error(`[lagoon] ${this.#where}: unreadable ${command} command:`, error);
      return true;
    }
    const parsed = schema.safeParse(decoded);
    if (!parsed.success) {
      console.error(`[lagoon] ${this.#where}: invalid ${command} command: ${describeIssues(parsed.error.issues)}`);
      return true;
    }
    const set = this.#handlers.get(command);
    if (!set?.size) return false;
    for (const handler of [...set]) handler(parsed.data);
    return true;
  }
}
