import type { CabinetApi } from '../../shared/contract/index';

/** The only door to the main side. Stores call it; views never do. */
export const cabinet: CabinetApi = window.cabinet;
