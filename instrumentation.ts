/**
 * Next.js calls `register` once when a server process starts. On the Node.js runtime it starts the periodic
 * jobs' timer (lib/jobs/scheduler.ts; docs/deploy.md "Periodic jobs"); the edge runtime has no database, and
 * this `if` form lets the edge bundle drop the import.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startDeclarationJobs } = await import("./lib/jobs/scheduler");
    startDeclarationJobs();
  }
}
