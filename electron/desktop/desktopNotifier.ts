/** Something worth an OS notification: an SMS on the virtual handset, a low balance, a payment that arrived… */
export interface DesktopNotice {
  title: string;
  body: string;
  /** No sound (the OS decides otherwise). */
  silent?: boolean;
}

/**
 * Shows OS notifications. Callers decide whether a notice is wanted (the person's notification preferences);
 * the notifier only shows it, and a click brings the cabinet window forward. Answers false where the OS
 * has no notifications.
 */
export interface DesktopNotifier {
  notify(notice: DesktopNotice): boolean;
}
