import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/roles";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      role: Role;
      orgId: string | null;
      sessionVersion: number;
      /** The active grant chosen by a switch; null = the default grant (lib/auth/grants.ts). */
      grantId?: string | null;
      /** The login session's id (session_grants). */
      sid?: string | null;
    } & DefaultSession["user"];
    /** Only in a session update sent by the grant switch action (lib/auth/grant-switch.ts). */
    grantSwitch?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: string;
    orgId?: string | null;
    sv?: number;
    loginAt?: number;
    grantId?: string;
    /** The login session's id, new at each login (session_grants). */
    sid?: string;
  }
}
