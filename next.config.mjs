// Content-Security-Policy (a nonce per request) and Strict-Transport-Security (only over https) are
// set per request in proxy.ts (lib/http/csp.ts); these headers are the same for every response.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: [
    "@electric-sql/pglite", "@react-pdf/renderer", "exceljs", "sharp", "@node-rs/argon2", "postgres",
    // lib/pdf reads glyph outlines with the same fontkit react-pdf uses; keep one unbundled copy.
    "fontkit",
  ],
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
