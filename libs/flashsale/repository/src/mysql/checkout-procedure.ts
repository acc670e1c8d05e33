import type { Pool } from 'mysql2/promise';

/** ER_SP_ALREADY_EXISTS: another instance created it between our check and our create. */
const ALREADY_EXISTS = 1304;

/**
 * The checkout's store side as one stored procedure taking a batch of checkout attempts
 * (a JSON array of `{code, sale, user, item, at, outcome}`), so an attempt costs a share
 * of one round trip and one commit. Set-based: five statements per batch whatever its
 * size, one result set back. For the `added` attempts it first locks each user's open
 * basket through the (sale, user, open) key, record by record in the batch's order —
 * the order a purchase locks in too, so a checkout arriving during its user's purchase
 * waits for it instead of deadlocking with it — then opens a basket for users without
 * one and adds the items; every attempt, refused ones too, is recorded; and it answers, per
 * added attempt in the batch's order, the basket's code and items — before the commit,
 * while the baskets are still locked.
 *
 * The name carries a version: a changed body gets a new name, so instances on the old
 * code keep calling the old one (v1 looped over the batch, five statements and a result
 * set per checkout; v2 locked baskets only through the insert's duplicate check, whose
 * gap lock deadlocked with the purchase closing the basket). It is created at start rather than by the migration runner because
 * the runner splits files at semicolons, and a body is full of them.
 */
export const CHECKOUT_PROCEDURE = 'flashsale_checkout_batch_v3';

const ASCII = 'CHARACTER SET ascii COLLATE ascii_bin';
const BATCH = `JSON_TABLE(p_batch, '$[*]' COLUMNS (
    n FOR ORDINALITY,
    code CHAR(22) ${ASCII} PATH '$.code',
    sale CHAR(10) ${ASCII} PATH '$.sale',
    user VARCHAR(64) ${ASCII} PATH '$.user',
    item CHAR(16) ${ASCII} PATH '$.item',
    outcome VARCHAR(32) ${ASCII} PATH '$.outcome',
    at DATETIME(3) PATH '$.at')) j`;
const OPEN_BASKET = "flashsale_baskets b ON j.outcome = 'added' AND b.sale_id = j.sale AND b.user_id = j.user AND b.open_marker = 1";

const CREATE = `CREATE PROCEDURE IF NOT EXISTS ${CHECKOUT_PROCEDURE}(IN p_batch LONGTEXT)
MODIFIES SQL DATA
BEGIN
  DECLARE v_locked INT;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  START TRANSACTION;
  SELECT COUNT(*) INTO v_locked FROM ${BATCH} JOIN ${OPEN_BASKET} ORDER BY j.n FOR UPDATE;
  INSERT INTO flashsale_baskets (code, sale_id, user_id, open_marker, created_at)
    SELECT j.code, j.sale, j.user, 1, j.at FROM ${BATCH} WHERE j.outcome = 'added' ORDER BY j.n
    ON DUPLICATE KEY UPDATE open_marker = flashsale_baskets.open_marker;
  INSERT IGNORE INTO flashsale_basket_items (code, item_id)
    SELECT b.code, j.item FROM ${BATCH} JOIN ${OPEN_BASKET} ORDER BY j.n;
  INSERT INTO flashsale_checkout_attempts (sale_id, user_id, item_id, outcome, code, created_at)
    SELECT j.sale, j.user, j.item, j.outcome, b.code, j.at FROM ${BATCH} LEFT JOIN ${OPEN_BASKET} ORDER BY j.n;
  SELECT j.n, b.code, (SELECT GROUP_CONCAT(i.item_id ORDER BY i.seq SEPARATOR ',') FROM flashsale_basket_items i WHERE i.code = b.code) AS items
    FROM ${BATCH} JOIN ${OPEN_BASKET} ORDER BY j.n;
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
