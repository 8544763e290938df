// The harness's stand-in for the handset window's preload: window.handset over its own WebSocket.
import { createHandsetApi, type HandsetEvent } from '../../shared/contract/handset';
import { socketTransport } from './socketTransport';

const transport = socketTransport<HandsetEvent>('/harness/handset-socket', (message) => message.event as HandsetEvent | undefined);
const handset = createHandsetApi(transport);

Object.defineProperty(window, 'handset', { value: handset, writable: false, configurable: false, enumerable: true });
