/** `npm run db:seed`: migrate the database named by the environment, write the demo data, print the logins. */
import { closeDb, getDbHandle } from "./client";
import { formatAccountTable, seedDemoData } from "./seed";

async function main() {
  const handle = await getDbHandle();
  const where = handle.driver === "pglite" ? `PGlite ${process.env.PGLITE_DIR ?? ".data/pglite"}` : "PostgreSQL (DATABASE_URL)";
  const { created, accounts } = await seedDemoData(handle.db);
  await closeDb();
  console.log(created ? `已写入演示数据（${where}）。` : `演示数据已存在，未做改动（${where}）。`);
  console.log(`\n演示账号（密码均为 ${accounts[0]?.password}）：\n`);
  console.log(formatAccountTable(accounts));
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    console.error("写入演示数据失败：", err);
    await closeDb().catch(() => {});
    process.exit(1);
  },
);
