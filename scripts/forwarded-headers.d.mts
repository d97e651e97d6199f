import type { IncomingMessage } from "node:http";

export function trustedProxyHops(env?: Record<string, string | undefined>): number;
export function plainAddress(address: string): string;
export function recordPeer(req: IncomingMessage, hops: number): void;
