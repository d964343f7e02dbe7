export type VaultErrorCode = 'KEY_RING_INVALID' | 'KEY_RING_MISSING' | 'UNKNOWN_KEY' | 'MALFORMED' | 'DECRYPT_FAILED';

/** A vault failure. Its message never contains key material, plaintext or ciphertext. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
