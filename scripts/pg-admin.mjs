#!/usr/bin/env node
// Create / drop throw-away PostgreSQL databases without needing psql.
//   node scripts/pg-admin.mjs probe  <server-url>          exit 0 if the server answers
//   node scripts/pg-admin.mjs create <server-url> <name>   prints the new database's URL
//   node scripts/pg-admin.mjs drop   <server-url> <name>
// <server-url> is any postgres:// URL on the server; the maintenance database `postgres` is used.
import { pathToFileURL } from "node:url";
import postgres from "postgres";

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function ident(name) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}

async function withAdmin(url, fn) {
  const sql = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function probe(url) {
  try {
    await withAdmin(url, (sql) => sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export async function createDatabase(url, name) {
  await withAdmin(url, (sql) => sql.unsafe(`CREATE DATABASE ${ident(name)}`));
  return withDatabase(url, name);
}

export async function dropDatabase(url, name) {
  await withAdmin(url, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [cmd, url, name] = process.argv.slice(2);
  try {
    if (cmd === "probe" && url) process.exit((await probe(url)) ? 0 : 1);
    else if (cmd === "create" && url && name) console.log(await createDatabase(url, name));
    else if (cmd === "drop" && url && name) await dropDatabase(url, name);
    else {
      console.error("usage: pg-admin.mjs probe <url> | create <url> <name> | drop <url> <name>");
      process.exit(2);
    }
  } catch (err) {
    console.error(`pg-admin ${cmd}: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
