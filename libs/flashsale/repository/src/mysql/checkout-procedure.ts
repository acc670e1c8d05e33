import type { Pool } from 'mysql2/promise';

/**
 * The checkout's store side as one stored procedure, so a checkout costs one round trip
 * (and one commit) instead of a transaction of eight statements. It locks the user's open
 * basket (inserting one, or waiting on the row a purchase is closing), adds the item,
 * records the accepted attempt, commits, and answers the basket's code and items.
 *
 * The name carries a version: a changed body gets a new name, so instances on the old
 * code keep calling the old one. It is created at start rather than by the migration
 * runner because the runner splits files at semicolons, and a body is full of them.
 */
/** ER_SP_ALREADY_EXISTS: another instance created it between our check and our create. */
const ALREADY_EXISTS = 1304;

export const CHECKOUT_PROCEDURE = 'flashsale_checkout_v1';

const CREATE = `CREATE PROCEDURE IF NOT EXISTS ${CHECKOUT_PROCEDURE}(
  IN p_code CHAR(22) CHARACTER SET ascii, IN p_sale CHAR(10) CHARACTER SET ascii, IN p_user VARCHAR(64) CHARACTER SET ascii,
  IN p_item CHAR(16) CHARACTER SET ascii, IN p_at DATETIME(3))
MODIFIES SQL DATA
BEGIN
  DECLARE v_code CHAR(22) CHARACTER SET ascii;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  START TRANSACTION;
  INSERT INTO flashsale_baskets (code, sale_id, user_id, open_marker, created_at) VALUES (p_code, p_sale, p_user, 1, p_at)
    ON DUPLICATE KEY UPDATE open_marker = open_marker;
  SELECT code INTO v_code FROM flashsale_baskets WHERE sale_id = p_sale AND user_id = p_user AND open_marker = 1 FOR UPDATE;
  INSERT IGNORE INTO flashsale_basket_items (code, item_id) VALUES (v_code, p_item);
  INSERT INTO flashsale_checkout_attempts (sale_id, user_id, item_id, outcome, code, created_at) VALUES (p_sale, p_user, p_item, 'added', v_code, p_at);
  COMMIT;
  SELECT v_code AS code, item_id FROM flashsale_basket_items WHERE code = v_code ORDER BY seq;
END`;

/** Creates the procedure unless it exists; instances starting together may both try. */
export async function createCheckoutProcedure(pool: Pool): Promise<void> {
  try {
    await pool.query(CREATE);
  } catch (error) {
    if ((error as { errno?: number }).errno !== ALREADY_EXISTS) throw error;
  }
}
