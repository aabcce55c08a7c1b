/**
 * The part of a validation library Lagoon relies on: `safeParse`, as zod provides it.
 * Structural, so shell/ does not depend on one library's classes.
 */
export interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** The type a schema parses to: `Infer<typeof schema>`. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A schema issue, as zod reports it. */
export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Issues as one line for an error message: `field.sub: message; other: message` (the first five). */
export function describeIssues(issues: readonly Issue[], whole = "(value)"): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || whole}: ${i.message}`)
    .join("; ");
}
