/** @module The Fieldwork server: JSON API, server-rendered dashboard and token auth (`fieldwork serve`). */
export { createServerApp } from './server-app.js';
export { startServer } from './start-server.js';
export type { RunningServer } from './start-server.js';
export { ServerContext } from './server-context.js';
export type { AuthMode, ServerOptions, ServerEnv } from './server-context.js';
export { serverSectionSchema, serverTokenSchema, serverRoles } from './server-config.js';
export type { ServerRole, ServerToken, ServerSection } from './server-config.js';
export { createToken, hashToken, findToken, loadTokenFile, checkTokens } from './server-tokens.js';
export type { Principal } from './server-tokens.js';
export { ServerError, httpStatusFor, toErrorResponse } from './server-error.js';
export type { ErrorBody, ServerErrorCode } from './server-error.js';
export { AUTH_COOKIE } from './auth-middleware.js';
export { safeNext } from './safe-next.js';
export { bodyLimits, BODY_LIMITS, DEFAULT_BODY_LIMIT } from './body-limits.js';
export { LoginRateLimiter } from './login-rate-limit.js';
export type { LoginRateLimitOptions } from './login-rate-limit.js';
