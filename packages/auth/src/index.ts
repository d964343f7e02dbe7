export type { SecretContext } from './vault/cipher.ts';
export { open, openJson, reseal, seal, sealedKeyId, sealJson } from './vault/cipher.ts';
export type { EncryptionKey, KeyRing } from './vault/key-ring.ts';
export { formatKeyRing, generateKeyEntry, parseKeyRing } from './vault/key-ring.ts';
export type { LoadKeyRingOptions } from './vault/load-key-ring.ts';
export { loadKeyRing } from './vault/load-key-ring.ts';
export type { VaultErrorCode } from './vault/vault-error.ts';
export { VaultError } from './vault/vault-error.ts';
