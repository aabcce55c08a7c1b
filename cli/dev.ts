/** `lagoon dev`: the app served with Vite (lagoon/vite's serveDev) on PORT (3000) and HOST (127.0.0.1). */
export async function dev(root: string): Promise<number> {
  const { serveDev } = await import("../vite/dev.js");
  const listening = await serveDev({ root, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? "127.0.0.1" });
  console.log(`Lagoon dev server at ${listening.url} (islands gallery: ${listening.url}/__islands)`);
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });
  await listening.close();
  return 0;
}
