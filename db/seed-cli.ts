/** `npm run db:seed`: migrate the database named by the environment, write the demo data, print the logins. */
import { ensureEnvLocal, readEnvLocal } from "../scripts/prepare-env.mjs";
import { closeDb, getDbHandle } from "./client";
import { formatAccountTable, seedDemoData } from "./seed";

/**
 * The demo certificates are signed with the key the server will verify them with. Next reads
 * .env.local beneath the real environment, so do the same for the two secrets (creating the file as
 * `npm run dev` would when neither is set anywhere). The database stays the one the environment names.
 */
function loadServerSigningSecret(): void {
  const keys = ["CERT_SIGNING_SECRET", "AUTH_SECRET"] as const;
  let local = readEnvLocal();
  if (!keys.some((k) => process.env[k] || local[k])) {
    if (ensureEnvLocal()) console.log("已生成 .env.local（AUTH_SECRET、CERT_SIGNING_SECRET），该文件不会提交到 Git。");
    local = readEnvLocal();
  }
  for (const k of keys) if (!process.env[k] && local[k]) process.env[k] = local[k];
}

async function main() {
  loadServerSigningSecret();
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
