import type { Migration } from './types';

/**
 * Why a webhook delivery failed, as a message id and values (JSON of a Said) beside the English `error`
 * text, so the window and the CLI say it in the user's language. Older rows keep only their text.
 */
export const m025DeliverySaid: Migration = {
  version: 25,
  name: 'delivery-said',
  up(db) {
    db.exec('ALTER TABLE webhook_deliveries ADD COLUMN error_said TEXT');
  },
};
