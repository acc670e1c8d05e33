import type { Pool } from 'mysql2/promise';

/** ER_SP_ALREADY_EXISTS: another instance created it between our check and our create. */
const ALREADY_EXISTS = 1304;

/**
 * The checkout's store side as one stored procedure taking a batch of checkouts (a JSON
 * array of `{code, sale, user, item, at}`), so a checkout costs a share of one round
 * trip and one commit instead of a transaction of eight statements. Per checkout it
 * locks the user's open basket (inserting one, or waiting on the row a purchase is
 * closing), adds the item, records the accepted attempt, and answers a result set of
 * the basket's code and items — before the commit, while the basket is still locked.
 *
 * The name carries a version: a changed body gets a new name, so instances on the old
 * code keep calling the old one. It is created at start rather than by the migration
 * runner because the runner splits files at semicolons, and a body is full of them.
 */
export const CHECKOUT_PROCEDURE = 'flashsale_checkout_batch_v1';

const CREATE = `CREATE PROCEDURE IF NOT EXISTS ${CHECKOUT_PROCEDURE}(IN p_batch LONGTEXT)
MODIFIES SQL DATA
BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE n INT DEFAULT JSON_LENGTH(p_batch);
  DECLARE v_new CHAR(22) CHARACTER SET ascii;
  DECLARE v_code CHAR(22) CHARACTER SET ascii;
  DECLARE v_sale CHAR(10) CHARACTER SET ascii;
  DECLARE v_user VARCHAR(64) CHARACTER SET ascii;
  DECLARE v_item CHAR(16) CHARACTER SET ascii;
  DECLARE v_at DATETIME(3);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  START TRANSACTION;
  WHILE i < n DO
    SET v_new = JSON_VALUE(p_batch, CONCAT('$[', i, '].code'));
    SET v_sale = JSON_VALUE(p_batch, CONCAT('$[', i, '].sale'));
    SET v_user = JSON_VALUE(p_batch, CONCAT('$[', i, '].user'));
    SET v_item = JSON_VALUE(p_batch, CONCAT('$[', i, '].item'));
    SET v_at = JSON_VALUE(p_batch, CONCAT('$[', i, '].at'));
    INSERT INTO flashsale_baskets (code, sale_id, user_id, open_marker, created_at) VALUES (v_new, v_sale, v_user, 1, v_at)
      ON DUPLICATE KEY UPDATE open_marker = open_marker;
    SELECT code INTO v_code FROM flashsale_baskets WHERE sale_id = v_sale AND user_id = v_user AND open_marker = 1 FOR UPDATE;
    INSERT IGNORE INTO flashsale_basket_items (code, item_id) VALUES (v_code, v_item);
    INSERT INTO flashsale_checkout_attempts (sale_id, user_id, item_id, outcome, code, created_at) VALUES (v_sale, v_user, v_item, 'added', v_code, v_at);
    SELECT v_code AS code, GROUP_CONCAT(item_id ORDER BY seq SEPARATOR ',') AS items FROM flashsale_basket_items WHERE code = v_code;
    SET i = i + 1;
  END WHILE;
  COMMIT;
END`;

/** Creates the procedure unless it exists; instances starting together may both try. */
export async function createCheckoutProcedure(pool: Pool): Promise<void> {
  try {
    await pool.query(CREATE);
  } catch (error) {
    if ((error as { errno?: number }).errno !== ALREADY_EXISTS) throw error;
  }
}
