/** The report's whole style sheet: system fonts only, nothing fetched. */
export const CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --info: #8250df; --commit: #0969da; --line: #d0d7de; --muted: #57606a; --bg2: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
header, main { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 26px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h4 { margin: 14px 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { background: var(--bg2); padding: 8px; border-radius: 6px; overflow: auto; max-height: 320px; white-space: pre-wrap; word-break: break-word; }
.totals { color: var(--muted); margin: 0; }
.totals b.pass { color: var(--pass); } .totals b.fail { color: var(--fail); } .totals b.error { color: var(--error); }
.note { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 10px; }
.matrix thead th { background: var(--bg2); font-weight: 600; }
.matrix tbody th { text-align: left; font-weight: 500; }
.matrix td { text-align: center; min-width: 120px; cursor: pointer; }
.matrix td a { color: inherit; text-decoration: none; display: block; }
.matrix td small { display: block; font-size: 11px; opacity: .85; }
.matrix td.empty { cursor: default; color: var(--muted); }
.matrix tfoot td { font-weight: 600; background: var(--bg2); cursor: default; }
.dist { margin: 0 0 14px; }
.dist figcaption { font-weight: 600; margin-bottom: 4px; }
.charts { display: flex; flex-wrap: wrap; gap: 10px; }
.chart { border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.chart .bar-pass { fill: var(--pass); } .chart .bar-fail { fill: var(--fail); }
.chart .axis { stroke: #8c959f; } .chart .tick { font-size: 10px; fill: var(--muted); } .chart-title { font-size: 11px; font-weight: 600; fill: #1f2328; }
.filters { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 6px 0 10px; padding: 8px 10px; background: var(--bg2); border-radius: 6px; position: sticky; top: 0; z-index: 2; }
.filters input[type=search] { width: 320px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
#shown { color: var(--muted); font-size: 13px; }
details.run { content-visibility: auto; contain-intrinsic-size: auto 34px; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 6px; background: #fff; }
details.run[hidden] { display: none; }
details.run > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
details.run[open] > summary { border-bottom: 1px solid var(--line); background: var(--bg2); }
details.run .name { font-weight: 600; }
details.run .why { color: var(--muted); margin-left: 6px; }
details.run .unstruck { margin-left: 6px; font-size: 12px; border: 1px solid var(--error); color: var(--error); border-radius: 10px; padding: 0 6px; }
.run-body { padding: 6px 14px 12px; }
.badge { display: inline-block; min-width: 40px; text-align: center; font-size: 11px; font-weight: 700; text-transform: uppercase; color: #fff; border-radius: 10px; padding: 1px 7px; margin-right: 4px; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error, .badge.unknown { background: var(--error); } .badge.not-applicable { background: var(--muted); }
.replay { margin: 8px 0; }
.replay code { background: #fff8c5; border: 1px solid #d4a72c66; padding: 2px 6px; border-radius: 4px; user-select: all; }
.replay .k { font-weight: 600; margin-right: 6px; }
button.copy, #more button { font: inherit; font-size: 12px; padding: 1px 8px; margin-left: 6px; border: 1px solid var(--line); border-radius: 5px; background: #fff; cursor: pointer; }
.metrics { color: var(--muted); font-size: 13px; margin: 4px 0; }
.checks { list-style: none; padding: 0; margin: 0; }
.checks li { padding: 3px 0; }
.checks li .id { font-weight: 600; margin-right: 6px; }
.checks details { margin: 2px 0 4px 52px; }
.checks details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.timeline { display: block; font-size: 11px; }
.timeline .tl-lane line { stroke: #afb8c1; stroke-dasharray: 3 4; }
.timeline .tl-lane rect { fill: var(--bg2); stroke: #8c959f; }
.timeline .tl-lane text { font-weight: 600; font-size: 11.5px; }
.timeline .tl-t { fill: var(--muted); font-size: 10.5px; }
.timeline .tl-row:hover { opacity: .75; }
.timeline .tl-arrow line { stroke: #57606a; stroke-width: 1.4; } .timeline .tl-arrow polygon { fill: #57606a; }
.timeline .tl-ok line { stroke: var(--pass); } .timeline .tl-ok polygon { fill: var(--pass); }
.timeline .tl-fail line { stroke: var(--fail); } .timeline .tl-fail polygon, .timeline .tl-mark.tl-fail circle { fill: var(--fail); }
.timeline .tl-info line { stroke: var(--info); } .timeline .tl-info polygon { fill: var(--info); }
.timeline .tl-commit polygon { fill: var(--commit); } .timeline .tl-commit .tl-label { fill: var(--commit); font-weight: 600; }
.timeline .tl-fault .tl-bolt { fill: #fb8500; stroke: var(--fail); stroke-width: 1; } .timeline .tl-fault .tl-label { fill: var(--fail); font-weight: 700; }
.timeline .tl-shade { fill: #ffebe9; }
.timeline .tl-fail .tl-label { fill: var(--fail); }
.timeline .tl-elided text { fill: var(--muted); font-style: italic; }
.ledger th, .ledger td { border: 1px solid var(--line); padding: 3px 8px; font-size: 12.5px; text-align: left; vertical-align: top; }
.ledger th { background: var(--bg2); }
.ledger td.info { color: var(--info); font-weight: 600; } .ledger td.fail { color: var(--fail); font-weight: 600; }
.reply { white-space: pre-wrap; background: var(--bg2); padding: 6px 8px; border-radius: 6px; margin: 0; }
.legend span { margin-right: 14px; }
`;

/** Runs the list holds at first (and adds per "show more"): more would slow the page's first render at 10 000 runs. */
export const LIST_PAGE_ROWS = 500;

/**
 * The report's only script: it unpacks the runs (reports/html/pack.ts) and lists those that pass
 * the filters, LIST_PAGE_ROWS at a time; a run's body is unpacked when the run is first opened.
 * Filters: runs that did not pass, and words or `scenario:x agent:y check:z seed:n`; a matrix cell
 * sets them. `#run-list[data-ready]` and the performance mark `faultline:runs-shown` say when the
 * list is first in the page.
 */
export const JS = `
(() => {
  const PAGE = ${LIST_PAGE_ROWS};
  const list = document.getElementById('run-list');
  const failedOnly = document.getElementById('failed-only');
  const filter = document.getElementById('run-filter');
  const shown = document.getElementById('shown');
  const more = document.getElementById('more');
  let rows = [];
  let limit = PAGE;
  function matches(row, term) {
    const i = term.indexOf(':');
    if (i > 0 && Object.hasOwn(row.filter, term.slice(0, i))) return row.filter[term.slice(0, i)].split(' ').includes(term.slice(i + 1));
    return row.filter.key.includes(term);
  }
  // A row's element is made the first time it is listed, and kept (open, with its body) after.
  const template = document.createElement('template');
  function elementsOf(listed) {
    const fresh = listed.filter((row) => !row.el);
    template.innerHTML = fresh.map((row) => row.html).join('');
    Array.from(template.content.children).forEach((el, i) => {
      Object.assign(el.dataset, fresh[i].filter);
      fresh[i].el = el;
    });
    return listed.map((row) => row.el);
  }
  function apply() {
    const terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    const matching = rows.filter((row) => !(failedOnly.checked && row.filter.verdict === 'pass') && terms.every((t) => matches(row, t)));
    const listed = matching.slice(0, limit);
    const fragment = document.createDocumentFragment();
    for (const el of elementsOf(listed)) fragment.append(el);
    list.replaceChildren(fragment);
    shown.textContent = matching.length + ' of ' + rows.length + ' run(s) shown';
    more.hidden = listed.length === matching.length;
    more.querySelector('.count').textContent = listed.length + ' listed; ' + (matching.length - listed.length) + ' more match.';
  }
  const refilter = () => { limit = PAGE; apply(); };
  failedOnly.addEventListener('change', refilter);
  filter.addEventListener('input', refilter);
  more.querySelector('.next').addEventListener('click', () => { limit += PAGE; apply(); });
  more.querySelector('.all').addEventListener('click', () => { limit = Infinity; apply(); });
  // Packed markup: base64 of gzip, inflated by the browser (no fetch, so it works from disk).
  function unpack(script) {
    const text = atob(script.textContent);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  }
  // The bodies come after this script, so the list is unpacked while the page still loads them.
  const parsed = new Promise((done) => (document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', done) : done()));
  const chunks = new Map();
  async function bodyOf(i) {
    await parsed;
    const script = Array.from(document.querySelectorAll('script.bodies')).filter((s) => Number(s.dataset.first) <= i).pop();
    if (!chunks.has(script)) chunks.set(script, unpack(script).then(JSON.parse));
    return (await chunks.get(script))[i - Number(script.dataset.first)];
  }
  function expand(run) {
    if (run.dataset.filled) return;
    run.dataset.filled = 'pending';
    const body = run.querySelector('.run-body');
    bodyOf(Number(run.id.slice(4)) - 1).then(
      (html) => { body.innerHTML = html; run.dataset.filled = 'true'; },
      (error) => { body.textContent = 'This run could not be unpacked (' + error + '); it is also in results.json.'; },
    );
  }
  document.addEventListener('toggle', (e) => { if (e.target.matches && e.target.matches('details.run') && e.target.open) expand(e.target); }, true);
  document.querySelectorAll('.matrix td[data-filter]').forEach((td) => td.addEventListener('click', (e) => {
    e.preventDefault();
    filter.value = td.dataset.filter;
    refilter();
    document.getElementById('runs').scrollIntoView();
  }));
  document.addEventListener('click', (e) => {
    const button = e.target.closest && e.target.closest('button.copy');
    if (!button) return;
    const done = () => { button.textContent = 'copied'; setTimeout(() => { button.textContent = 'copy'; }, 1200); };
    if (navigator.clipboard) navigator.clipboard.writeText(button.dataset.copy).then(done, () => {});
  });
  // Without DecompressionStream the note in the list says what the page needs.
  if (typeof DecompressionStream !== 'function') return;
  unpack(document.getElementById('runs-packed')).then((text) => {
    rows = JSON.parse(text);
    const linked = /^#run-(\\d+)$/.exec(location.hash);
    if (linked) limit = Math.max(PAGE, Math.ceil(Number(linked[1]) / PAGE) * PAGE);
    apply();
    const target = linked && document.getElementById(location.hash.slice(1));
    if (target) { target.open = true; expand(target); target.scrollIntoView(); }
    list.dataset.ready = 'true';
    performance.mark('faultline:runs-shown');
  }).catch((error) => { list.textContent = 'The runs could not be unpacked (' + error + '); every run is also in results.json.'; });
})();
`;
