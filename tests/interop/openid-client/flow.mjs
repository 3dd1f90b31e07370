// Drives Waharoa's START token service with node's openid-client, as a DSP's Node.js software would:
// code exchange, introspection, refresh rotation, reuse of the spent refresh token, revocation.
// Input: one JSON argument (endpoints, client, callback URL, PKCE verifier, TLS files, client authentication).
// Output: one JSON object on stdout naming what each step saw; the .NET test decides what is right.
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import { Agent, fetch } from 'undici';

// Node 18 (Debian's) has WebCrypto only under node:crypto; later releases also have it as a global.
globalThis.crypto ??= webcrypto;

const input = JSON.parse(process.argv[2]);
const tls = {
  ca: readFileSync(input.caFile),
  ...(input.certFile ? { cert: readFileSync(input.certFile), key: readFileSync(input.keyFile) } : {}),
};
const dispatcher = new Agent({ connect: tls });

const server = {
  issuer: input.issuer,
  authorization_endpoint: input.authorizationEndpoint,
  token_endpoint: input.tokenEndpoint,
  introspection_endpoint: input.introspectionEndpoint,
  revocation_endpoint: input.revocationEndpoint,
};
// 'default' leaves the choice to the library (client_secret_post when a secret is given).
const authentication = input.authentication === 'basic' ? oidc.ClientSecretBasic(input.clientSecret)
  : input.authentication === 'post' ? oidc.ClientSecretPost(input.clientSecret)
  : undefined;
const config = new oidc.Configuration(server, input.clientId, input.clientSecret, authentication);
config[oidc.customFetch] = (url, options) => fetch(url, { ...options, dispatcher });

const seen = {};
const failure = (error) => ({
  failed: true,
  name: error?.name,
  status: error?.status ?? error?.response?.status,
  error: error?.error ?? error?.cause?.error,
  description: error?.error_description ?? error?.cause?.error_description ?? error?.message,
});
async function step(name, action) {
  try {
    seen[name] = await action();
  } catch (error) {
    seen[name] = failure(error);
  }
  return seen[name];
}

const tokens = await step('exchange', async () => {
  const response = await oidc.authorizationCodeGrant(config, new URL(input.callbackUrl), {
    pkceCodeVerifier: input.codeVerifier,
    expectedState: input.state,
  });
  return { ...response, expiresIn: response.expiresIn() };
});

if (!tokens.failed) {
  await step('introspection', () => oidc.tokenIntrospection(config, tokens.access_token));
  if (tokens.refresh_token) {
    const refreshed = await step('refresh', () => oidc.refreshTokenGrant(config, tokens.refresh_token));
    await step('reuse', () => oidc.refreshTokenGrant(config, tokens.refresh_token));
    if (!refreshed.failed) {
      await step('introspectionAfterReuse', () => oidc.tokenIntrospection(config, refreshed.access_token));
    }
  }
  await step('revocation', async () => {
    await oidc.tokenRevocation(config, tokens.access_token);
    return { revoked: true };
  });
  await step('introspectionAfterRevocation', () => oidc.tokenIntrospection(config, tokens.access_token));
}

await dispatcher.close();
process.stdout.write(JSON.stringify(seen));
