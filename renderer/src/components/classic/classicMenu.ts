/**
 * The classic view's menu, in the order it is read: one plain page per task. A new page is one more entry here
 * and one more child route in classicRoutes.ts.
 */
export interface ClassicMenuItem {
  route: string;
  /** The i18n key of the link's words. */
  label: string;
}

export const classicMenu: ClassicMenuItem[] = [
  { route: 'classic-home', label: 'classic.menu.home' },
  { route: 'classic-services', label: 'classic.menu.services' },
  { route: 'classic-top-up', label: 'classic.menu.topUp' },
  { route: 'classic-promised', label: 'classic.menu.promised' },
  { route: 'classic-sim', label: 'classic.menu.sim' },
  { route: 'classic-numbers', label: 'classic.menu.numbers' },
  { route: 'classic-remainders', label: 'classic.menu.remainders' },
  { route: 'classic-support', label: 'classic.menu.support' },
  { route: 'classic-subscriptions', label: 'classic.menu.subscriptions' },
];
