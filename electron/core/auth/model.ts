/**
 * Sign-in's model as the core keeps it; the IPC contract (shared/contract/auth.ts) declares the same for the wire,
 * and `electron/ipc/modelChecks.ts` has the compiler prove the two stay the same.
 */
export type SignInWay = 'password' | 'code' | 'registration' | 'recovery' | 'confirmation' | 'puk' | 'social';
export type SocialProvider = 'vk' | 'ok' | 'facebook';
