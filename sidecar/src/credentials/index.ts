// Public surface of the credentials layer (profiles and their secrets); re-exported by sidecar/src/index.ts.
export { probeKeychain, keychainBackendName, osKeychain, KeychainError, KEYCHAIN_SERVICE, type KeychainBackend, type KeychainProbe } from './keychain';
export { CredentialStore, ProfileNotFoundError, type KeyStoreKind, type SaveResult, type StoredProfile } from './credential-store';
export { DEFAULT_PROFILE, checkProfileName, ProfileNameError, profilesPath, readProfiles, type ProfileSettings } from './profiles-file';
export { keyFilePath } from './key-file';
