// The test harness's stand-in for the preload: builds window.cabinet from the same contract and
// carries calls and events over a WebSocket to the harness server, which hosts the real dispatcher.
import { createCabinetApi } from '../../shared/contract/client';
import { socketTransport } from './socketTransport';

const transport = socketTransport<{ event: string; payload: unknown }>('/harness/socket', (message) =>
  typeof message.event === 'string' ? { event: message.event, payload: message.payload } : undefined,
);

const cabinet = createCabinetApi({
  call: transport.call,
  subscribe: (listener) => transport.subscribe(({ event, payload }) => listener(event, payload)),
});

Object.defineProperty(window, 'cabinet', { value: cabinet, writable: false, configurable: false, enumerable: true });
