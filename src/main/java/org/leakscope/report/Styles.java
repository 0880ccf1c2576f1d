package org.leakscope.report;

/**
 * The report's stylesheet, inlined in the page: a system font stack (no web fonts), one readable column, tables that
 * scroll sideways on a phone, charts that scale with the column, and a print layout that keeps each chart on one
 * page and needs no background colours.
 */
final class Styles {
  private Styles() {}

  static final String CSS = """
      :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --soft: #f5f7fa; --accent: #1d4ed8; }
      * { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
      body { margin: 0; color: var(--ink); background: #fff;
        font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
          sans-serif;
        font-variant-numeric: tabular-nums; }
      main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
      section { margin: 0 0 3rem; }
      h1 { font-size: 2.5rem; line-height: 1.1; margin: 0 0 .35rem; letter-spacing: -.02em; }
      h2 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; padding-bottom: .35rem;
        border-bottom: 2px solid var(--ink); }
      h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
      p { margin: .5rem 0; }
      code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
        font-size: .9em; overflow-wrap: anywhere; }
      .meta, .note, .estimate { color: var(--muted); }
      .note { font-size: .95rem; }
      .headline h2 { border-bottom: 0; padding: 0; font-size: 1rem; text-transform: uppercase;
        letter-spacing: .08em; color: var(--muted); margin-top: 1.5rem; }
      .lead { font-size: 1.35rem; line-height: 1.4; font-weight: 600; margin: .5rem 0 1rem; }
      .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .75rem;
        margin: 1.25rem 0 0; padding: 0; list-style: none; }
      .stat { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem .85rem; }
      .stat-value { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
      .stat-label { display: block; font-weight: 600; }
      .stat-note { display: block; color: var(--muted); font-size: .85rem; }
      .claim { border-top: 1px solid var(--line); padding-top: .5rem; margin-bottom: 2rem; }
      .claim h3 { margin-top: .75rem; }
      .claim .date { color: var(--muted); font-weight: 400; }
      blockquote { margin: .75rem 0; padding: .35rem 0 .35rem 1rem; border-left: 4px solid var(--line);
        font-style: italic; }
      blockquote footer { font-style: normal; color: var(--muted); font-size: .9rem; }
      .finding { font-weight: 600; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
        gap: 0 2rem; }
      figure.chart { margin: .75rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
      svg.chart { display: block; width: 100%; height: auto; max-width: 40rem; }
      .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 1rem 0; }
      table { border-collapse: collapse; width: 100%; font-size: .9rem; }
      th, td { padding: .4rem .6rem; border-bottom: 1px solid var(--line); text-align: left;
        white-space: nowrap; vertical-align: bottom; }
      caption { caption-side: top; text-align: left; color: var(--muted); font-size: .85rem; padding: 0 0 .35rem; }
      thead th { border-bottom: 2px solid var(--ink); }
      th.num, td.num { text-align: right; }
      td.name { white-space: normal; min-width: 10rem; overflow-wrap: anywhere; }
      tfoot td { font-weight: 600; border-bottom: 0; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: .75rem 0; }
      dl.facts dt { color: var(--muted); }
      dl.facts dd { margin: 0; overflow-wrap: anywhere; }
      ul.plain { padding-left: 1.25rem; }
      footer.page { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: 1rem; }
      @media (max-width: 40rem) {
        main { padding: 1.25rem .85rem 2rem; }
        h1 { font-size: 1.9rem; }
        .lead { font-size: 1.15rem; }
        .stat-value { font-size: 1.6rem; }
        dl.facts { grid-template-columns: 1fr; }
        dl.facts dd { margin-bottom: .5rem; }
      }
      @media print {
        body { font-size: 10.5pt; color: #000; }
        main { max-width: none; padding: 0; }
        section { margin-bottom: 1.5rem; }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        figure.chart, .stat, blockquote, tr, dl.facts { break-inside: avoid; page-break-inside: avoid; }
        .table-wrap { overflow: visible; }
        th, td { white-space: normal; }
        .stat { border-color: #888; }
      }
      """;
}
