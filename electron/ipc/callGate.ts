import { fail, type Result } from '../../shared/contract/errors';
import { originOf } from './origins';
import type { Dispatcher } from './dispatcher';

/** The parts of Electron's IpcMainInvokeEvent the gate reads (real events in the app, shaped alike in the conformance suite). */
export interface InvokeEventLike {
  sender: { id: number; mainFrame: unknown };
  senderFrame: { url: string } | null;
}

/**
 * Which windows may call: the main process records each window it creates for the cabinet by its webContents
 * id, and forgets it when the window goes. A page's URL says nothing about who made its window.
 */
export class CallerWindows {
  private readonly ids = new Set<number>();

  add(contents: { id: number; once(event: 'destroyed', listener: () => void): unknown }): void {
    this.ids.add(contents.id);
    contents.once('destroyed', () => this.ids.delete(contents.id));
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }
}

/**
 * The gate in front of the dispatcher: only the main frame (no iframe) of a window the main process created for
 * the cabinet may call; its origin, taken by electron/desktop/origins.ts (not `URL.origin`, which is "null" for
 * app://), goes to the dispatcher, which trusts only the renderer's origin. The webContents id is the sender.
 */
export function createCallGate(
  dispatcher: Pick<Dispatcher, 'dispatch'>,
  device: string,
  windows: Pick<CallerWindows, 'has'>,
  onAccepted: (event: InvokeEventLike) => void = () => undefined,
): (event: InvokeEventLike, message: unknown) => Promise<Result<unknown>> {
  return async (event, message) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !windows.has(event.sender.id)) {
      return fail('FORBIDDEN', 'calls are accepted only from the main frame of a cabinet window');
    }
    const origin = originOf(frame.url);
    if (origin === null) return fail('FORBIDDEN', 'calls are accepted only from the cabinet window');
    onAccepted(event);
    const { method, input } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; input?: unknown };
    return dispatcher.dispatch({ senderId: String(event.sender.id), origin, device }, method, input);
  };
}
