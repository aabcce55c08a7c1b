import { describeIssues, type Issue } from "./schema.js";

/** Lagoon's errors carry a stable `code`, so callers and tests match on it, not on wording. */
export class LagoonError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LagoonError";
    this.code = code;
  }
}

/** A template that cannot be rendered safely (dynamic tag names, unquoted mixed attributes...). */
export class TemplateError extends LagoonError {
  constructor(message: string) {
    super("template", message);
    this.name = "TemplateError";
  }
}

/** Event params that failed their schema: becomes an error reply and changes no assigns. */
export class EventParamsError extends LagoonError {
  readonly issues: readonly Issue[];
  constructor(view: string, event: string, issues: readonly Issue[]) {
    super("invalid_params", `invalid params for ${view} event "${event}": ${describeIssues(issues, "(params)")}`);
    this.name = "EventParamsError";
    this.issues = issues;
  }
}

/**
 * Thrown by an event handler to refuse the event (a record that does not exist, an action
 * the user may not take): the client gets an error reply `{reason, message}`, the view
 * lives on. Throw it before changing any assign.
 */
export class EventRejected extends LagoonError {
  constructor(reason: string, message: string) {
    super(reason, message);
    this.name = "EventRejected";
  }
}

/** An HTTP-level failure with a status; the server turns it into a response. */
export class HttpError extends LagoonError {
  readonly status: number;
  constructor(status: number, message: string) {
    super(`http_${status}`, message);
    this.name = "HttpError";
    this.status = status;
  }
}

/**
 * Development checks and warnings are on unless NODE_ENV is "production" (npm start sets
 * it): they cost time on hot paths that a production server should not pay.
 */
export const DEV = typeof process === "undefined" || process.env.NODE_ENV !== "production";

const warned = new Set<string>();
/** Logs a development warning once per code. */
export function warnOnce(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  console.warn(`[lagoon:${code}] ${message}`);
}
