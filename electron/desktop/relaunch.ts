/**
 * How to start the app again (restoring from a backup, leaving the kiosk): the same arguments, less the ones to
 * drop. An AppImage runs from a temporary mount that is gone once this instance exits, so Electron's own
 * executable path would relaunch nothing: the AppImage file itself (`APPIMAGE`, set by its runtime) is started.
 */
export function relaunchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, drop: readonly string[] = []): { execPath?: string; args: string[] } {
  const args = argv.slice(1).filter((argument) => !drop.includes(argument));
  return env.APPIMAGE ? { execPath: env.APPIMAGE, args } : { args };
}
