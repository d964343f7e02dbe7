export type { AccountTokenPurpose } from './accounts/account-tokens.ts';
export { ACCOUNT_TOKEN_LIFETIME_MS } from './accounts/account-tokens.ts';
export type { PasswordCheckOptions, SignedIn } from './accounts/accounts.ts';
export { changePassword, deleteAccount, signIn } from './accounts/accounts.ts';
export type { ApiKeyScope } from './accounts/api-key-scopes.ts';
export { API_KEY_SCOPES, scopeAllows } from './accounts/api-key-scopes.ts';
export type { ApiKeyPrincipal, NewApiKey } from './accounts/api-keys.ts';
export { authenticateApiKey, forgetApiKey, generateApiKey, parseApiKey } from './accounts/api-keys.ts';
export type { AuthErrorCode } from './accounts/auth-error.ts';
export { AuthError } from './accounts/auth-error.ts';
export { resendVerification, verifyEmail } from './accounts/email-verification.ts';
export type { PendingInvitation } from './accounts/invitations.ts';
export { acceptInvitation, createInvitation, INVITATION_LIFETIME_MS } from './accounts/invitations.ts';
export { MAX_MAIL_REQUESTS_PER_EMAIL, MAX_MAIL_REQUESTS_PER_IP } from './accounts/mail-throttle.ts';
export { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './accounts/password.ts';
export { requestPasswordReset, resetPassword } from './accounts/password-reset.ts';
export type { SessionUser, ValidSession } from './accounts/sessions.ts';
export {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from './accounts/sessions.ts';
export type { SignUpInput } from './accounts/sign-up.ts';
export { signUp } from './accounts/sign-up.ts';
export type { RateLimit } from './accounts/throttle.ts';
export {
  addressKey,
  MAX_FAILURES,
  PASSWORD_CHECK_PER_USER,
  resetAttempts,
  returnAttempt,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS,
  SIGN_UP_PER_ADDRESS,
  takeAttempt,
  WINDOW_MINUTES,
} from './accounts/throttle.ts';
export { randomToken, sha256Hex } from './accounts/tokens.ts';
export { invitationMail } from './mail/account-mails.ts';
export type { AccountServices, SignupPolicy } from './mail/account-services.ts';
export { accountLink, deliver } from './mail/account-services.ts';
export type { AccountMail, Mailer } from './mail/mailer.ts';
export { defaultSender, logMailer, parseSmtpUrl, smtpMailer } from './mail/mailer.ts';
export { createOAuthClient } from './oauth/arctic-client.ts';
export type { GrantTokenRequest } from './oauth/grant-request.ts';
export { requestGrantToken } from './oauth/grant-request.ts';
export type { AssertionClaims } from './oauth/jwt-assertion.ts';
export { signJwtAssertion } from './oauth/jwt-assertion.ts';
export type { OAuthErrorCode } from './oauth/oauth-error.ts';
export { errorCodeFor, OAuthError } from './oauth/oauth-error.ts';
export type { AuthorizationRequest, OAuthClient, OAuthClientConfig, TokenResponseParser, TokenSet } from './oauth/types.ts';
export type { SecretContext } from './vault/cipher.ts';
export { open, openJson, reseal, seal, sealedKeyId, sealJson } from './vault/cipher.ts';
export type { EncryptionKey, KeyRing } from './vault/key-ring.ts';
export { formatKeyRing, generateKeyEntry, parseKeyRing } from './vault/key-ring.ts';
export type { LoadKeyRingOptions } from './vault/load-key-ring.ts';
export { loadKeyRing } from './vault/load-key-ring.ts';
export type { RotationOptions, RotationProgress, SealedColumn } from './vault/rotate.ts';
export { rotateSealedColumns } from './vault/rotate.ts';
export type { VaultErrorCode } from './vault/vault-error.ts';
export { VaultError } from './vault/vault-error.ts';
