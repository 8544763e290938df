import type { HandsetApi } from '../../../shared/contract/handset';

declare global {
  interface Window {
    /** The virtual handset's API: its own preload in Electron, its own bridge in the harness. Never the cabinet's. */
    readonly handset: HandsetApi;
  }
}

export {};
