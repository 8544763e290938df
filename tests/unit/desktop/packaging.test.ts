import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fuses from '@electron/fuses';
import afterPack, { cabinetFuses, packedElectronPath } from '../../../electron/packaging/afterPack.mjs';
import { renderIcon } from '../../../electron/packaging/renderIcon';

const { FuseV1Options, getCurrentFuseWire } = fuses;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const build = pkg.build;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A file laid out like an Electron binary around its fuse wire: V1, 8 fuses, in stock Electron's states. */
function fakeElectronBinary(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const stock = '10110001'; // RunAsNode on, cookies plain, NODE_OPTIONS on, --inspect on, no integrity, any app folder, …
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(stock), Buffer.alloc(4096, 7)]));
}

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'cabinet-pack-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const packager = { executableName: 'subscriber-cabinet', appInfo: { productFilename: 'Subscriber Cabinet' } };

describe('Electron fuses of a packed app', () => {
  it('the set: no run-as-Node, no NODE_OPTIONS, no --inspect, app only from ASAR, ASAR integrity, cookie encryption, no extra privileges for file://', () => {
    expect(cabinetFuses).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('the afterPack hook flips them in the Linux executable, and leaves the fuses it does not own alone', async () => {
    const binary = join(outDir, 'subscriber-cabinet');
    fakeElectronBinary(binary);
    await afterPack({ appOutDir: outDir, electronPlatformName: 'linux', arch: 1, packager });
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
  });

  it('finds the binary of each platform: the .exe on Windows, the framework inside the .app on macOS', async () => {
    expect(packedElectronPath({ appOutDir: outDir, electronPlatformName: 'win32', arch: 1, packager })).toBe(join(outDir, 'Subscriber Cabinet.exe'));
    const app = packedElectronPath({ appOutDir: outDir, electronPlatformName: 'darwin', arch: 1, packager });
    expect(app).toBe(join(outDir, 'Subscriber Cabinet.app'));
    fakeElectronBinary(join(app, 'Contents/Frameworks/Electron Framework.framework/Electron Framework'));
    await afterPack({ appOutDir: outDir, electronPlatformName: 'darwin', arch: 1, packager });
    const wire = (await getCurrentFuseWire(app)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
  });

  it('a binary without a fuse wire fails the build instead of shipping unhardened', async () => {
    writeFileSync(join(outDir, 'subscriber-cabinet'), 'not electron');
    await expect(afterPack({ appOutDir: outDir, electronPlatformName: 'linux', arch: 1, packager })).rejects.toThrow(/sentinel/);
  });
});

describe('the installer configuration (package.json → build)', () => {
  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined();
    // The same check refuses a misspelt option.
    await expect(validateConfiguration({ ...build, nsis: { ...build.nsis, perMachin: true } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds a per-user NSIS installer for Windows, a dmg for macOS (and the zip its updates need), AppImage and deb for Linux', () => {
    const targets = (platform: { target: Array<{ target: string } | string> }) => platform.target.map((entry) => (typeof entry === 'string' ? entry : entry.target));
    expect(targets(build.win)).toEqual(['nsis']);
    expect(build.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, shortcutName: 'Личный кабинет' });
    expect(targets(build.mac)).toEqual(['dmg', 'zip']);
    expect(targets(build.linux)).toEqual(['AppImage', 'deb']);
    expect(build.linux.desktop.entry['Name[ru]']).toBe('Личный кабинет');
    expect(build.productName).toBe('Subscriber Cabinet');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('packs the built app into an ASAR, flips the fuses after packing, and publishes a generic update feed', () => {
    expect(build.asar).toBe(true);
    expect(existsSync(join(root, build.afterPack))).toBe(true);
    expect(build.files).toContain(`${pkg.main.split('/').slice(0, 2).join('/')}/**`);
    expect(build.publish).toEqual([expect.objectContaining({ provider: 'generic' })]);
    expect(pkg.scripts.dist).toMatch(/electron-vite build && npm run icon && electron-builder/);
  });

  it('draws the icon from the SVG in the repository: a 1024 × 1024 PNG', () => {
    const png = renderIcon();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1024);
    expect(png.readUInt32BE(20)).toBe(1024);
    for (const platform of ['win', 'mac', 'linux']) expect(build[platform].icon).toBe('out/icons/icon.png');
  });
});
