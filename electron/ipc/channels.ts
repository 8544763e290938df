/** The two Electron IPC channels: calls renderer → main, events main → renderer. Only the preload uses them. */
export const CALL_CHANNEL = 'cabinet:call';
export const EVENT_CHANNEL = 'cabinet:event';
