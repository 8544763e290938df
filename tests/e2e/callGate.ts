import type { Page } from '@playwright/test';

/**
 * Stands between the page and the harness's socket (`{ id, method, input }` calls) and can hold a method's calls
 * until the test lets them go: what a slow network or a busy operator looks like, without timing anything.
 * Install before the page opens the cabinet.
 */
export async function callGate(page: Page): Promise<{ hold(method: string): () => void }> {
  const held = new Map<string, Promise<void>>();
  await page.routeWebSocket(/\/harness\/socket$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage(async (message) => {
      const method = (JSON.parse(String(message)) as { method?: unknown }).method;
      const gate = typeof method === 'string' ? held.get(method) : undefined;
      if (gate) await gate;
      server.send(message);
    });
  });
  return {
    hold(method) {
      let release!: () => void;
      held.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(method);
        release();
      };
    },
  };
}
