import type { FuseV1Options } from '@electron/fuses';

export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { executableName: string; appInfo: { productFilename: string } };
}

export declare const cabinetFuses: Readonly<Partial<Record<FuseV1Options, boolean>>>;
export declare function packedElectronPath(context: AfterPackContext): string;
export default function afterPack(context: AfterPackContext): Promise<void>;
