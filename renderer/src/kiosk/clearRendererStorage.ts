/**
 * Empties every storage area a page can reach: localStorage, sessionStorage, IndexedDB, Cache Storage and
 * the cookies script can see. In Electron the main side also runs session.clearStorageData (HttpOnly cookies,
 * service workers, the HTTP cache); this is the page's own half, and the whole of it where there is no Electron.
 */
export async function clearRendererStorage(): Promise<void> {
  localStorage.clear();
  sessionStorage.clear();
  if ('indexedDB' in window && typeof indexedDB.databases === 'function') {
    const databases = await indexedDB.databases();
    await Promise.all(
      databases.map(
        ({ name }) =>
          new Promise<void>((resolve) => {
            if (!name) return resolve();
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
    );
  }
  if ('caches' in window) {
    for (const key of await caches.keys()) await caches.delete(key);
  }
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (!name) continue;
    for (const path of ['/', location.pathname]) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}`;
  }
}
