/// <reference types="vite/client" />
import type { CabinetApi } from '../../shared/contract/index';

declare global {
  interface Window {
    /** The cabinet's API: the preload in Electron, the harness bridge in end-to-end tests. */
    readonly cabinet: CabinetApi;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
