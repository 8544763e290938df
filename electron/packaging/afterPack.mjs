// electron-builder's afterPack hook (package.json → build.afterPack): flips Electron's fuses in the packed app,
// before it is signed. Plain JavaScript because electron-builder loads hooks with Node's own import.
import { join } from 'node:path';
import fuses from '@electron/fuses';

const { flipFuses, FuseV1Options, FuseVersion } = fuses;

/** electron-builder's Arch.arm64. */
const ARM64 = 3;

/**
 * The fuses every build ships with. Off: running as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS /
 * NODE_EXTRA_CA_CERTS, --inspect and SIGUSR1, file://'s extra privileges. On: the app only from app.asar, the asar's integrity checked against
 * the hash electron-builder embeds (macOS, Windows), cookies encrypted with the OS keystore.
 */
export const cabinetFuses = Object.freeze({
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // file:// pages get no extra privileges: the renderer is served from app://, nothing of ours loads file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** Where the Electron binary of a packed app is: the .app bundle on macOS, the .exe on Windows, the executable on Linux. */
export function packedElectronPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const binary = packedElectronPath(context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature of an Apple silicon binary; it is signed again right after.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === ARM64,
    ...cabinetFuses,
  });
}
