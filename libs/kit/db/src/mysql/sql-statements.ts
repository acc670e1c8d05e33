/**
 * Splits a migration file into statements at top-level semicolons, so files can hold
 * several statements while the pool keeps `multipleStatements` off. Semicolons inside
 * quotes, backticks and comments do not split; chunks holding only comments are
 * dropped (the server rejects an empty query). The mysql client's DELIMITER command
 * is not SQL and is refused: write procedures and triggers in a file of their own,
 * as a single statement without it.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;

  const finish = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (hasCode) {
      if (/^delimiter\s/i.test(stripLeadingComments(text))) {
        throw new SyntaxError('DELIMITER is a mysql client command, not SQL; put the routine in its own statement without it');
      }
      statements.push(text);
    }
    hasCode = false;
  };

  while (i < sql.length) {
    const char = sql[i];
    const next = sql[i + 1];
    if (char === "'" || char === '"' || char === '`') {
      i = skipQuoted(sql, i, char);
      hasCode = true;
    } else if (char === '#' || (char === '-' && next === '-' && /[\s]/.test(sql[i + 2] ?? '\n'))) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new SyntaxError('unterminated /* comment');
      // `/*! … */` is MySQL's versioned code, which the server executes.
      if (sql[i + 2] === '!') hasCode = true;
      i = end + 2;
    } else if (char === ';') {
      finish(i);
      start = i + 1;
      i++;
    } else {
      if (!/\s/.test(char)) hasCode = true;
      i++;
    }
  }
  finish(sql.length);
  return statements;
}

/** Index just past the closing quote; a doubled quote or a backslash escapes (not in backticks). */
function skipQuoted(sql: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (char === '\\' && quote !== '`') {
      i += 2;
    } else if (char === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw new SyntaxError(`unterminated ${quote} quote`);
}

function stripLeadingComments(text: string): string {
  return text.replace(/^(\s*(--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '');
}
