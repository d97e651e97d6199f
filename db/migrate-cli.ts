/** `npm run db:migrate`: opening the database applies every pending migration in drizzle/. */
import { closeDb, getDbHandle } from "./client";

getDbHandle()
  .then(async (handle) => {
    await closeDb();
    console.log(`数据库迁移完成（${handle.driver === "pglite" ? "PGlite" : "PostgreSQL"}）。`);
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    console.error("数据库迁移失败：", err);
    await closeDb().catch(() => {});
    process.exit(1);
  });
