// node's oidc-provider, set up as close to Waharoa's token service as it allows, for bench/run's comparison:
// HTTPS on 127.0.0.1 with Waharoa's server certificate, a client certificate required and verified against
// Waharoa's development CA (at the TLS layer only), client_secret_basic, RS512 JWT access tokens signed with
// a 2048-bit RSA key like Waharoa's (resource indicators), opaque refresh tokens rotated on every use, as START's.
//
// Usage: node server.mjs PORT DATA_FOLDER SIGNING_KEY   (SIGNING_KEY: a PEM RSA private key; prints each stage of its
// start, and "ready" once listening)
//
// The interaction pages are answered without a person: every login is the demo user, every consent is given.
// Everything else (authorize, the interaction cookies and resumes, code, PKCE, token) is oidc-provider's own.
import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import https from 'node:https';
import path from 'node:path';
import Provider from 'oidc-provider';

const [port, data, keyFile] = process.argv.slice(2);
if (!port || !data || !keyFile) {
  console.error('usage: node server.mjs PORT DATA_FOLDER SIGNING_KEY');
  process.exit(2);
}
const stage = (name) => console.log(`${name} (${Math.round(performance.now())} ms)`);
stage('loaded');

const file = (...parts) => readFileSync(path.join(data, ...parts));
const demo = JSON.parse(file('demo.json'));
const client = demo.clients.find((c) => c.kind === 'cloud');
const user = demo.users[0].logon;
const audience = 'urn:waharoa:bench';
const scope = 'MYIR.Services';

// A 2048-bit RSA key of its own, as Waharoa's (which lives in Waharoa's database, not in a file).
const signingKey = createPrivateKey(readFileSync(keyFile)).export({ format: 'jwk' });
stage('key read');

const provider = new Provider(`https://localhost:${port}`, {
  clients: [{
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: ['https://mycompdomain.com/returnpath'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'waharoa-signing' }] },
  enabledJWA: { idTokenSigningAlgValues: ['RS256', 'RS512'] },
  cookies: { keys: ['waharoa-bench-cookie-key'] },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => audience,
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({
        scope,
        audience,
        accessTokenTTL: 8 * 60 * 60,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS512' } },
      }),
    },
  },
  // As Waharoa: a cloud client gets a refresh token with every code, without asking for offline_access.
  issueRefreshToken: async (_ctx, c) => c.grantTypeAllowed('refresh_token'),
  // As START: a refresh token is single use.
  rotateRefreshToken: true,
  ttl: {
    AccessToken: 8 * 60 * 60,
    AuthorizationCode: 10 * 60,
    RefreshToken: 365 * 24 * 60 * 60,
    Grant: 365 * 24 * 60 * 60,
    Interaction: 10 * 60,
    Session: 60 * 60,
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

stage('provider made');

provider.on('server_error', (_ctx, err) => console.error('server_error', err));

async function interact(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session, grantId } = details;
  if (prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: user } }, { mergeWithLastSubmission: false });
    return;
  }

  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

const callback = provider.callback();
const server = https.createServer({
  key: file('certs', 'server.key'),
  cert: file('certs', 'server.crt'),
  ca: file('certs', 'ca.crt'),
  requestCert: true,
  rejectUnauthorized: true,
  minVersion: 'TLSv1.2',
}, (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interact(req, res).catch((err) => {
      console.error('interaction', err);
      res.statusCode = 500;
      res.end();
    });
    return;
  }
  callback(req, res);
});
server.keepAliveTimeout = 120_000;
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
