export function requestIdFrom(header: string | string[] | null | undefined): string;
export function newRequestId(): string;
export function runWithRequestId<T>(requestId: string, fn: () => T): T;
export function currentRequestId(): string | undefined;
