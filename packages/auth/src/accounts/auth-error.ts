export type AuthErrorCode =
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'WEAK_PASSWORD'
  /** The link's token is unknown, already used or expired. */
  | 'INVALID_TOKEN'
  /** The account's email is not verified yet; it cannot join or create organizations. */
  | 'EMAIL_NOT_VERIFIED'
  /** The sign-up policy (PATCHBAY_SIGNUP) does not let this sign-up through. */
  | 'SIGNUP_CLOSED'
  /** An invitation addressed to another email than the signed-in account's. */
  | 'INVITATION_FOR_ANOTHER_EMAIL'
  /** Deleting the account would leave an organization without an owner. */
  | 'LAST_OWNER';

/** An account failure; its message is safe to show and never says whether an email exists. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
