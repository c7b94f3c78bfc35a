/** The Electron side of notifier.ts: a native OS notification whose click runs `onClick`. */
import { Notification } from 'electron';
import type { Notifier } from './notifier';

export const electronNotifier: Notifier = {
  notify(title, body, onClick) {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title, body });
    n.on('click', onClick);
    n.show();
  },
};
