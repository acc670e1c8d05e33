import type { UserProfile } from '@mosaic/auth-domain';
import type { AuthUseCases, SessionTokens } from '@mosaic/auth-usecase';
import { apiRouter, requirePrincipal } from '@mosaic/kit-http';
import type { Request, Response, Router } from 'express';
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
  const router = apiRouter({ tags: ['auth'] });

  // Tokens and account data must not sit in shared caches or the browser's history.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    next();
  });

  router.define(
    {
      method: 'post',
      path: '/register',
      summary: 'Create a user',
      request: { body: registerBody },
      responses: { 201: { description: 'The new user' }, 409: { description: 'The email is taken' } },
    },
    async (req, res, { body }) => {
      const profile = await useCases.register.execute({ ...body, ip: req.ip });
      res.status(201).json(profileJson(profile));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/login',
      summary: 'Sign in: tokens, and the access token cookie',
      request: { body: loginBody },
      responses: { 200: { description: 'A session' }, 401: { description: 'Wrong email or password' } },
    },
    async (req, res, { body }) => {
      const session = await useCases.login.execute({ ...body, ip: req.ip });
      sendSession(req, res, session, cookie);
    },
  );

  router.define(
    {
      method: 'post',
      path: '/refresh',
      summary: 'Trade a refresh token for a new session',
      request: { body: refreshTokenBody },
      responses: { 200: { description: 'A new session' }, 401: { description: 'Not a valid refresh token' } },
    },
    async (req, res, { body }) => {
      const session = await useCases.refresh.execute({ refreshToken: body.refreshToken, ip: req.ip });
      sendSession(req, res, session, cookie);
    },
  );

  router.define(
    {
      method: 'post',
      path: '/logout',
      summary: 'Revoke a refresh token and clear the cookie',
      request: { body: refreshTokenBody },
      responses: { 204: { description: 'Signed out' } },
    },
    async (req, res, { body }) => {
      await useCases.logout.execute({ refreshToken: body.refreshToken });
      clearAccessTokenCookie(req, res, cookie);
      res.status(204).end();
    },
  );

  const signedIn = requireAuth(useCases.verifier, { cookie });
  // With the roles this session's token carries: what the APIs will grant it, so pages offer only that.
  router.define(
    { method: 'get', path: '/me', summary: 'The signed-in user and the roles of this session', principal: 'required', before: [signedIn] },
    async (req, res) => {
      const principal = requirePrincipal(req);
      const profile = await useCases.currentUser.execute({ userId: principal.id });
      res.json({ ...profileJson(profile), roles: principal.roles });
    },
  );

  router.define(
    {
      method: 'post',
      path: '/password',
      summary: 'Change the password; every other session of the account ends at once',
      principal: 'required',
      before: [signedIn],
      request: { body: changePasswordBody },
      responses: {
        204: { description: 'Changed; this session goes on' },
        400: { description: 'The new password is too weak (weak_password)' },
        403: { description: 'The current password is wrong (wrong_password)' },
        429: { description: 'Too many wrong current passwords' },
      },
    },
    async (req, res, { body }) => {
      const principal = requirePrincipal(req);
      const sessionId = accessClaimsOf(req)?.sessionId ?? '';
      await useCases.changePassword.execute({ userId: principal.id, sessionId, ...body, ip: req.ip });
      res.status(204).end();
    },
  );

  // Admins only; the new roles reach access tokens issued from then on (next login or refresh).
  for (const [method, granted] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    router.define(
      {
        method,
        path: '/users/:id/roles/:role',
        summary: granted ? 'Grant a role (admins only)' : 'Revoke a role (admins only)',
        principal: 'required',
        before: [signedIn],
        request: { params: roleParams },
        responses: {
          204: { description: granted ? 'The user holds the role' : 'The user no longer holds the role' },
          403: { description: 'The caller is not an admin (admin_only)' },
          404: { description: 'No such user (user_not_found)' },
        },
      },
      async (req, res, { params }) => {
        const principal = requirePrincipal(req);
        await useCases.changeRole.execute({ actorRoles: principal.roles, userId: params.id, role: params.role, granted });
        res.status(204).end();
      },
    );
  }

  router.define({ method: 'get', path: '/jwks.json', summary: 'Public keys that verify access tokens (JWKS)' }, (_req, res) => {
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
