/** The two Electron IPC channels: calls renderer → main, events main → renderer. Only the preload uses them. */
export const CALL_CHANNEL = 'cabinet:call';
export const EVENT_CHANNEL = 'cabinet:event';

/** The virtual handset window's own channels: it is another device and never gets the cabinet's. */
export const HANDSET_CALL_CHANNEL = 'handset:call';
export const HANDSET_EVENT_CHANNEL = 'handset:event';
