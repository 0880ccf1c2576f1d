package org.leakscope.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The building blocks the report's sections share: sections, notes, charts, tables, facts and labels. */
final class Page {
  private Page() {}

  /** How a table column is aligned. */
  enum Align {
    /** Short text, one line. */
    TEXT,
    /** Long text (a name) that may wrap. */
    NAME,
    /** A number, right-aligned. */
    NUM
  }

  /** A table column. */
  record Col(String heading, Align align) {
    static Col text(String heading) {
      return new Col(heading, Align.TEXT);
    }

    static Col name(String heading) {
      return new Col(heading, Align.NAME);
    }

    static Col num(String heading) {
      return new Col(heading, Align.NUM);
    }
  }

  /** A heading over {@code span} columns, in the header row above the column headings. */
  record Group(String heading, int span) {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What each basis means (ARCHITECTURE.md), for the glossary beside the charts. */
  static final Map<String, String> BASIS_MEANINGS = Map.of(
      "raw", "every occurrence as found: messages and documents as stored, rows, mentions",
      "distinct_raw", "distinct values exactly as written",
      "distinct_normalized", "distinct after normalization (case, whitespace, canonical forms, ISO country codes)",
      "distinct_canonical", "distinct addresses without plus-tags and provider dots",
      "exact_unique", "items left after exact duplicates are collapsed",
      "near_unique", "items left after near-duplicate clusters are collapsed",
      "resolved", "entities left after linking identifiers that denote the same user or company");

  /** Opens {@code <section id>} and writes its {@code <h2>}. */
  static void openSection(Html h, String id, String heading) {
    h.open("section", "id", id, "aria-labelledby", id + "-title");
    h.el("h2", heading, "id", id + "-title");
  }

  static void closeSection(Html h) {
    h.close("section");
  }

  /** A short note, e.g. in place of an empty chart. */
  static void note(Html h, String text) {
    h.el("p", text, "class", "note");
  }

  /** A chart built by {@link Svg}, in a figure that printing keeps on one page. */
  static void figure(Html h, String svg) {
    h.open("figure", "class", "chart").raw(svg).close("figure");
  }

  /** A table in a wrapper that scrolls sideways on a narrow screen. */
  static void table(Html h, String caption, List<Col> cols, List<List<String>> rows) {
    table(h, caption, List.of(), cols, rows, null);
  }

  /**
   * A table with an optional row of group headings above the column headings and an optional footer row (null for
   * none).
   */
  static void table(Html h, String caption, List<Group> groups, List<Col> cols, List<List<String>> rows,
      List<String> footer) {
    h.open("div", "class", "table-wrap").open("table");
    h.el("caption", caption);
    h.open("thead");
    if (!groups.isEmpty()) {
      h.open("tr");
      for (Group g : groups) {
        h.el("th", g.heading(), "colspan", g.span() > 1 ? Integer.toString(g.span()) : null, "scope",
            g.span() > 1 ? "colgroup" : null);
      }
      h.close("tr");
    }
    h.open("tr");
    for (Col c : cols) {
      h.el("th", c.heading(), "scope", "col", "class", cssClass(c.align()));
    }
    h.close("tr").close("thead").open("tbody");
    rows.forEach(r -> row(h, cols, r));
    h.close("tbody");
    if (footer != null) {
      h.open("tfoot");
      row(h, cols, footer);
      h.close("tfoot");
    }
    h.close("table").close("div");
  }

  private static void row(Html h, List<Col> cols, List<String> cells) {
    h.open("tr");
    for (int i = 0; i < cols.size(); i++) {
      h.el("td", i < cells.size() ? cells.get(i) : "", "class", cssClass(cols.get(i).align()));
    }
    h.close("tr");
  }

  private static String cssClass(Align align) {
    return switch (align) {
      case NUM -> "num";
      case NAME -> "name";
      case TEXT -> null;
    };
  }

  /** Opens a definition list of facts; write them with {@link #fact}, then close {@code dl}. */
  static void openFacts(Html h) {
    h.open("dl", "class", "facts");
  }

  static void fact(Html h, String term, String value) {
    h.el("dt", term).el("dd", value);
  }

  /** A fact whose value is code-like (a path, a name from the vocabulary). */
  static void codeFact(Html h, String term, String value) {
    h.el("dt", term).open("dd").el("code", value).close("dd");
  }

  /** A metric for readers: {@code email_messages} → "email messages", {@code records:users} → "records: users". */
  static String metricLabel(String metric) {
    if (metric == null) {
      return "(no metric)";
    }
    int colon = metric.indexOf(':');
    if (colon >= 0) {
      return metricLabel(metric.substring(0, colon)) + ": " + metric.substring(colon + 1);
    }
    return metric.replace('_', ' ');
  }

  /** An ISO instant as {@code 2026-11-29 17:00:00 UTC}; anything else as written; null stays null. */
  static String time(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return TIME.format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso; // not an instant: show what the summary says rather than nothing
    }
  }

  /** The time from one ISO instant to another, or null when either is absent or not an instant. */
  static Duration between(String startIso, String endIso) {
    try {
      return startIso == null || endIso == null ? null
          : Duration.between(Instant.parse(startIso), Instant.parse(endIso));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A value or a dash for null/blank. */
  static String orDash(String s) {
    return s == null || s.isBlank() ? Numbers.NONE : s;
  }
}
