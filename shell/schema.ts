/**
 * The part of a validation library Lagoon relies on: `safeParse`, as zod provides it.
 * Structural, so shell/ does not depend on one library's classes.
 */
export interface Schema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

export type Infer<S> = S extends Schema<infer T> ? T : never;
