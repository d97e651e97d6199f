#!/usr/bin/env node
// A real OpenID Connect provider (oidc-provider) standing in for the provincial SSO in tests
// (docs/domain.md §11 "Single sign-on"). Started by playwright.config.ts as a webServer on
// 127.0.0.1:$OIDC_TEST_PORT (3199). One static client; login and consent finish at once, for the
// account last chosen with `POST /test/next-login {"account": "<id>"}` (default: TEST_ACCOUNTS' first).
import http from "node:http";
import Provider from "oidc-provider";

/** GB 11643 check character (lib/validation/id-number.ts; repeated here: this runs outside the app). */
function residentId(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return first17 + "10X98765432"[sum % 11];
}

/** The people the provider knows. demo_person of db/seed.ts is 张三 with ID 52010219900315001x. */
export const TEST_ACCOUNTS = {
  "sso-new": { name: "欧阳明", id_number: residentId("52010319880506002"), phone_number: "13985109999" },
  "sso-zhangsan": { name: "张三", id_number: residentId("52010219900315001") },
  "sso-impostor": { name: "张四", id_number: residentId("52010219900315001") },
  "sso-bad-id": { name: "钱七", id_number: "520103198805060000" },
};

export function createOidcServer({ port, clientId, clientSecret, redirectUris }) {
  const issuer = `http://127.0.0.1:${port}`;
  let nextAccount = Object.keys(TEST_ACCOUNTS)[0];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], profile: ["name", "id_number", "phone_number"] },
    async findAccount(_ctx, sub) {
      const person = TEST_ACCOUNTS[sub];
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...person }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["oidc-test-only-cookie-key"] },
    pkce: { required: () => true },
  });
  // The token endpoint answers only "invalid_grant"; the reason goes to the test log.
  provider.on("grant.error", (ctx, err) => console.error("oidc-server: grant error:", err.error_detail ?? err.message, ctx.oidc?.params?.redirect_uri ?? ""));
  provider.on("authorization.accepted", (ctx) => console.error("oidc-server: authorize redirect_uri", ctx.oidc?.params?.redirect_uri));
  provider.on("server_error", (_ctx, err) => console.error("oidc-server: server error:", err));
  const callback = provider.callback();

  async function finishInteraction(req, res) {
    const details = await provider.interactionDetails(req, res);
    const { prompt, params, session } = details;
    if (prompt.name === "login") {
      await provider.interactionFinished(req, res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(" "));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    if (path.startsWith("/interaction/")) {
      finishInteraction(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    if (path === "/test/next-login" && req.method === "POST") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const account = JSON.parse(body || "{}").account;
        if (!TEST_ACCOUNTS[account]) {
          res.statusCode = 400;
          res.end("unknown account");
          return;
        }
        nextAccount = account;
        res.end("ok");
      });
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    listen: () => new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server.address().port))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    setNextAccount: (account) => (nextAccount = account),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.OIDC_TEST_PORT ?? 3199);
  const appPort = process.env.E2E_PORT ?? "3100";
  const server = createOidcServer({
    port,
    clientId: process.env.SSO_CLIENT_ID ?? "gz-title-e2e",
    clientSecret: process.env.SSO_CLIENT_SECRET ?? "e2e-client-secret-not-for-production",
    // Next's route handlers see the app as localhost (its request URL), so the spec browses it as localhost.
    redirectUris: [`http://localhost:${appPort}/api/auth/callback/sso`, `http://127.0.0.1:${appPort}/api/auth/callback/sso`],
  });
  await server.listen();
  console.log(`oidc-server: issuer ${server.issuer}`);
  for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => void server.close().then(() => process.exit(0)));
}
