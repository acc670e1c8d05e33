import type { UserProfile } from '@mosaic/auth-domain';
import type { AuthUseCases, SessionTokens } from '@mosaic/auth-usecase';
import { parseRequest, requirePrincipal } from '@mosaic/kit-http';
import { Router, type Request, type Response } from 'express';
import { clearAccessTokenCookie, setAccessTokenCookie, type CookieOptions } from './access-token-cookie';
import { loginBody, refreshTokenBody, registerBody } from './auth-schemas';
import { requireAuth } from './authenticate';

export interface AuthRouterOptions {
  useCases: AuthUseCases;
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

  router.get('/me', requireAuth(useCases.verifier, { cookie }), async (req, res) => {
    const profile = await useCases.currentUser.execute({ userId: requirePrincipal(req).id });
    res.json(profileJson(profile));
  });

  router.get('/jwks.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.removeHeader('Pragma');
    res.json(useCases.jwks());
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
