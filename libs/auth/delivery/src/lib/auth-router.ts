import type { UserProfile } from '@mosaic/auth-domain';
import type { AuthUseCases, SessionTokens } from '@mosaic/auth-usecase';
import { parseRequest, requirePrincipal } from '@mosaic/kit-http';
import { Router, type Request, type Response } from 'express';
import { clearAccessTokenCookie, setAccessTokenCookie, type CookieOptions } from './access-token-cookie';
import { changePasswordBody, loginBody, refreshTokenBody, registerBody, roleParams } from './auth-schemas';
import { accessClaimsOf, requireAuth } from './authenticate';

export interface AuthRouterOptions {
  useCases: AuthUseCases;
  /** The public signing keys (a JSON Web Key Set), served at `/jwks.json`. */
  publicKeys: () => object;
  /** How the access token cookie is set; by default Secure exactly when the request came over HTTPS. */
  cookie?: CookieOptions;
}

/**
 * `/api/v1/auth/*`: register, login, refresh, logout, me, and the public keys
 * (`jwks.json`) for services that verify tokens without calling auth. Mount it with
 * `app.use('/api/v1/auth', createAuthRouter(…))`.
 */
export function createAuthRouter(options: AuthRouterOptions): Router {
  const { useCases, cookie } = options;
  const signedIn = requireAuth(useCases.verifier, { cookie });
  const router = Router();

  // Tokens and account data must not sit in shared caches or the browser's history.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    next();
  });

  router.post('/register', async (req, res) => {
    const body = parseRequest(registerBody, req.body ?? {});
    const profile = await useCases.register.execute({ ...body, ip: req.ip });
    res.status(201).json(profileJson(profile));
  });

  router.post('/login', async (req, res) => {
    const body = parseRequest(loginBody, req.body ?? {});
    const session = await useCases.login.execute({ ...body, ip: req.ip });
    sendSession(req, res, session, cookie);
  });

  router.post('/refresh', async (req, res) => {
    const body = parseRequest(refreshTokenBody, req.body ?? {});
    const session = await useCases.refresh.execute({ refreshToken: body.refreshToken, ip: req.ip });
    sendSession(req, res, session, cookie);
  });

  router.post('/logout', async (req, res) => {
    const body = parseRequest(refreshTokenBody, req.body ?? {});
    await useCases.logout.execute({ refreshToken: body.refreshToken });
    clearAccessTokenCookie(req, res, cookie);
    res.status(204).end();
  });

  router.get('/me', signedIn, async (req, res) => {
    const profile = await useCases.currentUser.execute({ userId: requirePrincipal(req).id });
    res.json(profileJson(profile));
  });

  // Ends every other session of the account; this one stays signed in.
  router.post('/password', signedIn, async (req, res) => {
    const body = parseRequest(changePasswordBody, req.body ?? {});
    const claims = accessClaimsOf(req);
    const principal = requirePrincipal(req);
    await useCases.changePassword.execute({ userId: principal.id, sessionId: claims?.sessionId ?? '', ...body, ip: req.ip });
    res.status(204).end();
  });

  // Admins only; the new roles reach access tokens issued from then on (next login or refresh).
  for (const [method, granted] of [['put', true], ['delete', false]] as const) {
    router[method]('/users/:id/roles/:role', signedIn, async (req, res) => {
      const principal = requirePrincipal(req);
      const params = parseRequest(roleParams, req.params, 'params');
      await useCases.changeRole.execute({ actorRoles: principal.roles, userId: params.id, role: params.role, granted });
      res.status(204).end();
    });
  }

  router.get('/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.removeHeader('Pragma');
    res.json(options.publicKeys());
  });

  return router;
}

function sendSession(req: Request, res: Response, session: SessionTokens, cookie: CookieOptions | undefined): void {
  setAccessTokenCookie(req, res, session.accessToken, session.expiresIn, cookie);
  res.json({
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresIn: session.expiresIn,
    tokenType: session.tokenType,
  });
}

function profileJson(profile: UserProfile) {
  return { id: profile.id, email: profile.email, name: profile.name, createdAt: profile.createdAt.toISOString() };
}
