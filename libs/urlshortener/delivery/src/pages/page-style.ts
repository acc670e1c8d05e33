/** Shared look of the shortener's pages: system fonts, one accent colour, readable on phones. */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5a6275; --line: #d8dce6; --accent: #2557d6; --bad: #b3261e; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 42rem; margin: 2.5rem auto; padding: 0 1rem; color: var(--ink); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
p.lead { color: var(--muted); margin: 0 0 1.5rem; }
a { color: var(--accent); }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input, select { width: 100%; font: inherit; padding: .55rem .7rem; border: 1px solid var(--line); border-radius: .4rem; }
input:focus, select:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.row { display: flex; gap: .75rem; } .row > div { flex: 1; }
button { font: inherit; font-weight: 600; padding: .55rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #eef1f7; color: var(--ink); }
button:disabled { opacity: .6; cursor: progress; }
.actions { margin-top: 1rem; }
.error { color: var(--bad); margin: .75rem 0 0; min-height: 1.5em; }
.result { margin-top: 1.5rem; padding: 1rem; border: 1px solid var(--line); border-radius: .6rem; display: flex; gap: 1rem; align-items: center; }
.result[hidden] { display: none; }
.result img { width: 9rem; height: 9rem; flex: none; }
.short { font-size: 1.25rem; font-weight: 600; word-break: break-all; }
.target { color: var(--muted); font-size: .9rem; word-break: break-all; }
ul.recent { list-style: none; padding: 0; margin: 0; }
ul.recent li { padding: .6rem 0; border-bottom: 1px solid var(--line); display: flex; gap: .75rem; align-items: center; }
ul.recent li > div { flex: 1; min-width: 0; }
ul.recent .target { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.clicks { color: var(--muted); font-size: .85rem; white-space: nowrap; }
small { color: var(--muted); }
`;
