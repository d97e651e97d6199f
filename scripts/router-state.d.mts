export function isValidRouterStateHeader(header: string): boolean;
