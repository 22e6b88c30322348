// Signing in (docs/sign-in.md): the authorization code grant with PKCE against Rapport's own
// authorization server, through oauth4webapi (no hand-made OAuth). The app is the public client
// `rapport-web`; its redirect URI is `/app/callback` on the origin it is served from.
//
// The session (tokens, device id, who signed in) lives in IndexedDB, so the app opens signed in
// with no network; the access token is refreshed quietly before it expires. Refresh tokens
// work once, so a refresh runs under a Web Lock: two tabs never spend the same token (that would
// end the device session).
import * as oauth from 'oauth4webapi'

import { db, wipe } from './db'
import { deviceMs } from './clock'

export const CLIENT_ID = 'rapport-web'
const SCOPE = 'openid email'
const EARLY_MS = 60_000  // refresh a minute before the access token expires

export interface Session {
  access_token: string
  refresh_token: string
  expires_at: number     // ms, on the device's clock (a duration from when it was issued)
  device_id: string
  member_id: string
  org_id: string
  email: string
  name: string
}

export class SignedOut extends Error {}

const client: oauth.Client = { client_id: CLIENT_ID }

/** Token answers are checked against the server's clock, not the device's (its `Date` header). */
function followServerClock(response: Response): Response {
  const date = Date.parse(response.headers.get('Date') ?? '')
  if (!Number.isNaN(date)) client[oauth.clockSkew] = Math.round((date - deviceMs()) / 1000)
  return response
}
const options = { [oauth.allowInsecureRequests]: location.protocol === 'http:' }
const redirectUri = () => `${location.origin}/app/callback`

async function server(): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(location.origin)
  try {
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, {
      ...options, algorithm: 'oidc',
    }))
    await db().setMeta('auth.server', as)
    return as
  } catch (err) {
    const known = await db().getMeta<oauth.AuthorizationServer>('auth.server')
    if (known) return known
    throw err
  }
}

/** Off to the sign-in page; the browser comes back to /app/callback. */
export async function signIn(loginHint?: string): Promise<void> {
  const as = await server()
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const nonce = oauth.generateRandomNonce()
  sessionStorage.setItem('rapport.signin', JSON.stringify({ verifier, state, nonce }))
  const url = new URL(as.authorization_endpoint!)
  url.search = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(), scope: SCOPE, state, nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    ...(loginHint ? { login_hint: loginHint } : {}),
  }).toString()
  location.assign(url.href)
}

/** The redirect back: the code for tokens. A different member than the last one starts clean. */
export async function completeSignIn(callback: URL): Promise<Session> {
  const started = JSON.parse(sessionStorage.getItem('rapport.signin') ?? 'null')
  if (!started) throw new Error('This sign-in was not started here. Sign in again.')
  sessionStorage.removeItem('rapport.signin')
  const as = await server()
  const params = oauth.validateAuthResponse(as, client, callback, started.state)
  const response = followServerClock(await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params,
    redirectUri(), started.verifier, options))
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: started.nonce })
  const claims = oauth.getValidatedIdTokenClaims(tokens)!
  const previous = await db().getMeta<Session>('auth.session')
  if (previous && previous.member_id !== claims.sub) await wipe()
  const session: Session = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token!,
    expires_at: deviceMs() + (tokens.expires_in ?? 900) * 1000,
    device_id: String(tokens.device_id ?? claims.sid ?? ''),
    member_id: claims.sub,
    org_id: String(claims.org ?? ''),
    email: String(claims.email ?? ''),
    name: String(claims.name ?? claims.email ?? ''),
  }
  await db().setMeta('auth.server', as)
  await db().setMeta('auth.session', session)
  return session
}

export function session(): Promise<Session | undefined> {
  return db().getMeta<Session>('auth.session')
}

/** A valid access token, refreshed first when it is (nearly) expired. SignedOut when none can be had. */
export async function accessToken(force = false): Promise<string> {
  const current = await session()
  if (!current) throw new SignedOut('not signed in')
  if (!force && current.expires_at - EARLY_MS > deviceMs()) return current.access_token
  const refresh = async () => {
    const latest = await session()  // another tab may have refreshed meanwhile
    if (!latest) throw new SignedOut('not signed in')
    if (latest.access_token !== current.access_token && latest.expires_at - EARLY_MS > deviceMs()) {
      return latest.access_token
    }
    const as = await server()
    const response = followServerClock(
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), latest.refresh_token, options))
    let tokens: oauth.TokenEndpointResponse
    try {
      tokens = await oauth.processRefreshTokenResponse(as, client, response)
    } catch (err) {
      if (err instanceof oauth.ResponseBodyError && err.error === 'invalid_grant') {
        await db().meta.delete('auth.session')  // the device session ended: sign in again
        throw new SignedOut('This device was signed out. Sign in again.')
      }
      throw err
    }
    await db().setMeta('auth.session', {
      ...latest, access_token: tokens.access_token, refresh_token: tokens.refresh_token ?? latest.refresh_token,
      expires_at: deviceMs() + (tokens.expires_in ?? 900) * 1000,
    })
    return tokens.access_token
  }
  return navigator.locks ? navigator.locks.request('rapport-token-refresh', refresh) : refresh()
}

/** Sign out: the device session ends on the server (when reachable) and this device forgets
 * everything of the member. `keepData` keeps the local records (nothing is waiting). */
export async function signOut(): Promise<void> {
  const current = await session()
  if (current) {
    try {
      const as = await server()
      await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.None(),
        current.refresh_token, options))
    } catch {
      // offline or already ended: the local session is forgotten all the same
    }
  }
  await wipe()
}
