/** The report's stylesheet: readable on a phone, printable, no external fonts. */
export const REPORT_CSS = `
:root { --visited: #0072B2; --comparison: #E69F00; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --bg-alt: #f6f7f9; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.5; font-size: 16px; }
header.top { background: #0b3d5c; color: white; padding: 1.2rem 1rem; }
header.top h1 { margin: 0 0 .3rem; font-size: 1.6rem; }
header.top p { margin: 0; opacity: .9; }
nav.toc { position: sticky; top: 0; background: white; border-bottom: 1px solid var(--rule); padding: .4rem 1rem; overflow-x: auto; white-space: nowrap; z-index: 2; }
nav.toc a { margin-right: 1rem; color: #0b3d5c; text-decoration: none; font-size: .92rem; }
nav.toc a:hover { text-decoration: underline; }
main { max-width: 980px; margin: 0 auto; padding: 0 1rem 3rem; }
section { padding-top: 1rem; border-bottom: 1px solid var(--rule); padding-bottom: 1rem; scroll-margin-top: 3rem; }
h2 { font-size: 1.3rem; margin: .6rem 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); font-size: .9rem; }
.note { background: #fff8e6; border-left: 4px solid var(--comparison); padding: .6rem .8rem; margin: .8rem 0; }
.dot-v { color: var(--visited); font-weight: 700; } .dot-c { color: #b07800; font-weight: 700; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; } table.contrasts td:first-child { white-space: nowrap; } figcaption { font-size: .88rem; color: var(--muted); }
tr.domain th { background: #e8eef3; color: #0b3d5c; font-size: .95rem; }
table.outcomes td:first-child { min-width: 9rem; }
table.outcomes td.num { white-space: nowrap; }
table.survey { font-size: .8rem; } table.survey th, table.survey td { padding: .3rem .3rem; } table.survey th.num, table.survey td.num .ci { white-space: normal; }
ol.headlines { padding-left: 1.2rem; } li.headline { margin-bottom: .9rem; } li.headline p { margin: .15rem 0; }
li.headline.no_detectable_difference strong { font-weight: 600; color: #3c4043; }
.caution { font-size: .85rem; color: #7a4d00; }
h3 { font-size: 1.1rem; margin: 1rem 0 .4rem; }
figure.flow svg { max-width: 100%; height: auto; }
code { background: var(--bg-alt); padding: 0 .2rem; border-radius: 3px; font-size: .88em; overflow-wrap: anywhere; }
@media print {
  nav.toc { display: none; } header.top { background: none; color: black; padding: 0 0 .5rem; } a { color: black; }
  body { font-size: 10pt; } main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; } table { font-size: 8pt; } th, td { padding: .15rem .25rem; }
  h2, h3 { break-after: avoid-page; } figure, tr, li.headline { break-inside: avoid-page; }
  figure svg { max-width: 100%; height: auto; }
}
@media (max-width: 600px) { body { font-size: 15px; } header.top h1 { font-size: 1.3rem; } th, td { padding: .3rem; } figure { overflow-x: auto; } figure svg { max-width: none; } }
`;
