/**
 * The export conditions this Node process resolves packages with (`node --conditions=x`,
 * `-C x`, in its arguments or NODE_OPTIONS). The Vite plugin resolves Lagoon with the same
 * ones, so the browser bundle and the dev server's server side load the Lagoon the process
 * itself runs: in Lagoon's own repository, where `lagoon` resolves to its TypeScript
 * sources under a condition, an app's config needs nothing a user's would not have.
 */
export function processConditions(
  args: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS?.split(/\s+/) ?? [])],
): string[] {
  const found = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const flag = /^(?:--conditions|-C)(?:=(.*))?$/.exec(args[i]!);
    if (!flag) continue;
    const value = flag[1] ?? args[++i];
    if (value) found.add(value);
  }
  return [...found];
}
