// grader/Reports/HTMLStyle.swift -- the class overview's style sheet.
//
// Inline, so the page is one file a teacher can mail or archive; light and
// dark variants follow the reader's system setting. The CSS avoids `<` and
// `&` so the page stays well-formed XML as well as HTML (the tests parse it
// both ways).

enum HTMLStyle {
    /// The contents of the page's `<style>` element.
    static let css = """
    :root { --bg: #f7f7f9; --card: #ffffff; --ink: #1d2330; --muted: #667085; --line: #e4e7ec;
            --pass: #12b76a; --fail: #f04438; --error: #9e77ed; --skip: #f79009; --accent: #2e90fa; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #0f1218; --card: #171b24; --ink: #e6e9ef; --muted: #98a2b3; --line: #2a3140; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--ink);
           font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    main { max-width: 1100px; margin: 0 auto; padding: 32px 20px 64px; }
    h1 { margin: 0 0 4px; font-size: 28px; }
    h2 { margin: 40px 0 12px; font-size: 20px; }
    h3 { margin: 24px 0 8px; font-size: 16px; }
    .subtitle, .muted { color: var(--muted); }
    .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0; }
    .card { flex: 1 1 160px; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
    .card .value { font-size: 26px; font-weight: 650; }
    .card .name { color: var(--muted); font-size: 13px; }
    table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line);
            border-radius: 12px; overflow: hidden; }
    th, td { padding: 8px 12px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
    td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr:last-child td { border-bottom: none; }
    .meter { width: 140px; height: 8px; background: var(--line); border-radius: 4px; overflow: hidden; }
    .meter span { display: block; height: 100%; background: var(--accent); }
    .meter.good span { background: var(--pass); }
    .meter.poor span { background: var(--fail); }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
             color: #fff; white-space: nowrap; }
    .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); }
    .badge.error { background: var(--error); } .badge.skipped { background: var(--skip); }
    a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
    code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .links a { margin-right: 8px; }
    details { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 8px 0; }
    details:target { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent); }
    summary { cursor: pointer; padding: 10px 14px; }
    details pre { margin: 0; padding: 12px 14px; border-top: 1px solid var(--line); overflow-x: auto;
                  font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }
    .caption { padding: 6px 14px 0; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px;
               text-transform: uppercase; letter-spacing: .04em; }
    .caption + pre { border-top: none; }
    .good { color: var(--pass); } .bad { color: var(--fail); } .missing { color: var(--skip); }
    .context { color: var(--muted); } .heading { font-weight: 700; } .hint { color: var(--accent); }
    svg.chart { width: 100%; max-width: 620px; height: auto; background: var(--card); border: 1px solid var(--line);
                border-radius: 12px; }
    svg.chart .axis { stroke: var(--line); stroke-width: 2; }
    svg.chart .bar { fill: var(--accent); }
    svg.chart .b0, svg.chart .b1, svg.chart .b2, svg.chart .b3, svg.chart .b4 { fill: var(--fail); }
    svg.chart .b8, svg.chart .b9 { fill: var(--pass); }
    svg.chart text { fill: var(--muted); font: 12px system-ui, sans-serif; text-anchor: middle; }
    svg.chart text.count { fill: var(--ink); font-weight: 600; }
    footer { margin-top: 48px; color: var(--muted); font-size: 13px; }
    """
}
