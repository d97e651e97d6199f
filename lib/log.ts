import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "@/scripts/request-context.mjs";

/**
 * The one logger: JSON lines on stdout (docs/deploy.md, "Logs, health and backups"). Every line
 * written while a request runs carries its `reqId` (scripts/request-context.mjs). Secrets and personal
 * data never reach the log: the keys below are censored at any depth up to three levels, as are the
 * parts of a database error that echo row values (postgres `detail`, bound `parameters`).
 */
const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "password_hash",
  "idNumber",
  "id_number",
  "cookie",
  "set-cookie",
  "authorization",
  "csrfToken",
  "token",
  "secret",
];
const DB_ERROR_KEYS = ["detail", "parameters", "params"];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SECRET_KEYS) {
    const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const dot = k.startsWith("[") ? "" : ".";
    paths.push(k, `*${dot}${k}`, `*.*${dot}${k}`, `*.*.*${dot}${k}`);
  }
  for (const key of DB_ERROR_KEYS) paths.push(`err.${key}`, `err.cause.${key}`);
  return paths;
}

export const LOG_REDACT_PATHS = redactPaths();

// Tests swap the sink to read what was logged; production writes to stdout.
let sink: { write(line: string): void } = process.stdout;
const stream: DestinationStream = { write: (line: string) => void sink.write(line) };

export function createLogger(destination: DestinationStream = stream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "gz-zhicheng" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: LOG_REDACT_PATHS, censor: "[已隐去]" },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    destination,
  );
}

export const log: Logger = createLogger();

/** Tests only: send log lines to `target` (undefined restores stdout). */
export function setLogSink(target: { write(line: string): void } | undefined): void {
  sink = target ?? process.stdout;
}
