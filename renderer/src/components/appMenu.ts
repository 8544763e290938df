import type { Component } from 'vue';
import {
  ArrowLeftRight,
  BellOff,
  CreditCard,
  DatabaseZap,
  House,
  Layers,
  LifeBuoy,
  ReceiptText,
  ShieldCheck,
  Smartphone,
  SlidersHorizontal,
  UserRound,
} from 'lucide-vue-next';

/**
 * The modern layout's sidebar, in the order it is read. A new section is one more entry here (and its route in
 * router.ts). Icons are imported one by one by name, so the bundle takes only these.
 */
export interface AppMenuItem {
  /** The route's name. */
  route: string;
  /** The i18n key of the link's words (also the icon-only link's accessible name and tooltip). */
  label: string;
  icon: Component;
  /** Shown only when this is true of the app's state (e.g. the data store's page only with a passphrase). */
  when?: 'vaultPassphrase';
}

export const appMenu: AppMenuItem[] = [
  { route: 'home', label: 'nav.home', icon: House },
  { route: 'tariff', label: 'tariffs.nav', icon: SlidersHorizontal },
  { route: 'services', label: 'services.nav', icon: Layers },
  { route: 'payments', label: 'payments.nav', icon: CreditCard },
  { route: 'remainders', label: 'remainders.nav', icon: ArrowLeftRight },
  { route: 'subscriptions', label: 'nav.subscriptions', icon: BellOff },
  { route: 'detail', label: 'nav.detail', icon: ReceiptText },
  { route: 'numbers', label: 'numbers.nav', icon: Smartphone },
  { route: 'security', label: 'security.nav', icon: ShieldCheck },
  { route: 'profile', label: 'profile.nav', icon: UserRound },
  { route: 'support', label: 'nav.support', icon: LifeBuoy },
  { route: 'data-store', label: 'vaultSettings.nav', icon: DatabaseZap, when: 'vaultPassphrase' },
];
