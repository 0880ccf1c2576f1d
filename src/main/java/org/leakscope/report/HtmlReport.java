package org.leakscope.report;

import static org.leakscope.report.Page.closeSection;
import static org.leakscope.report.Page.codeFact;
import static org.leakscope.report.Page.fact;
import static org.leakscope.report.Page.note;
import static org.leakscope.report.Page.openFacts;
import static org.leakscope.report.Page.openSection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.leakscope.report.Page.Col;

/**
 * The self-contained HTML report ({@code report/index.html}): one page, inline CSS and inline SVG only, no scripts
 * and nothing fetched from anywhere. Sections, in order: {@code headline}, {@code claims}, {@code funnel},
 * {@code companies}, {@code countries}, {@code age}, {@code inputs}, {@code timings}; each is present even when its
 * part of the summary is missing, with a short note in place of the chart.
 *
 * <pre>{@code
 * String page = HtmlReport.render(new ReportData(summary, companies, countries, years, policies, 5));
 * }</pre>
 *
 * <p>Everything taken from the data (names, quotes, paths) is escaped by {@link Html}.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The complete HTML5 page for a run. */
  public static String render(ReportData data) {
    SummaryView s = new SummaryView(data.summary());
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n");
    h.open("html", "lang", "en");
    head(h, s);
    h.open("body").open("main");
    headline(h, s);
    CountSections.claims(h, s);
    CountSections.funnel(h, s);
    ImpactSections.companies(h, data.topCompanies(), data.suppressBelow());
    ImpactSections.countries(h, data.topCountries(), data.suppressBelow());
    ImpactSections.age(h, s, data.years(), data.policies(), data.suppressBelow());
    inputs(h, s);
    timings(h, s);
    footer(h, s);
    h.close("main").close("body").close("html");
    return h.toString();
  }

  private static void head(Html h, SummaryView s) {
    h.open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.empty("meta", "name", "generator", "content", "leakscope " + Page.orDash(s.text("/leakscope_version")));
    String input = s.text("/input");
    h.el("title", input == null ? "leakscope report" : "leakscope report — " + input);
    h.open("style").raw(Styles.CSS).close("style");
    h.close("head");
  }

  // ---- headline ----------------------------------------------------------------------------------------------

  private static void headline(Html h, SummaryView s) {
    h.open("section", "id", "headline", "class", "headline", "aria-labelledby", "headline-title");
    h.el("h1", "leakscope report");
    h.open("p", "class", "meta").text("Input ").el("code", Page.orDash(s.text("/input")));
    String run = Page.time(s.text("/started") != null ? s.text("/started") : s.text("/finished"));
    h.text(run == null ? "" : " · run " + run).close("p");
    h.el("h2", "What the dump exposes", "id", "headline-title");
    for (String sentence : headlineSentences(s)) {
      h.el("p", sentence, "class", "lead");
    }
    stats(h, s.metrics());
    h.close("section");
  }

  /** The claims' findings (two at most), or without claims the stored and unique counts of the dump. */
  static List<String> headlineSentences(SummaryView s) {
    List<String> out = new ArrayList<>();
    List<SummaryView.Claim> claims = s.claims();
    for (SummaryView.Claim c : claims) {
      if (c.finding() != null && out.size() < 2) {
        out.add(c.finding());
      }
    }
    if (!out.isEmpty()) {
      if (claims.size() > out.size()) {
        out.add("See all " + Numbers.count(claims.size()) + " claims below.");
      }
      return out;
    }
    Map<String, Map<String, Long>> metrics = s.metrics();
    for (String metric : List.of("email_messages", "documents", "records")) {
      if (metrics.containsKey(metric)) {
        out.add(storedAndUnique(metric, metrics.get(metric)));
        break;
      }
    }
    Map<String, Long> addresses = metrics.get("email_addresses");
    if (addresses != null && addresses.containsKey("distinct_normalized")) {
      out.add(Numbers.count(addresses.get("distinct_normalized")) + " distinct email addresses"
          + (addresses.containsKey("distinct_raw")
              ? " after normalization, " + Numbers.count(addresses.get("distinct_raw")) + " as written."
              : "."));
    }
    if (out.isEmpty()) {
      out.add("This summary has no counts yet.");
    }
    return out;
  }

  /** "1,310 stored email messages, 419 unique." */
  private static String storedAndUnique(String metric, Map<String, Long> bases) {
    String strictest = SummaryView.strictest(bases);
    Long raw = bases.get("raw");
    String label = Page.metricLabel(metric);
    if (raw == null) {
      return Numbers.count(bases.get(strictest)) + " " + label + " (" + strictest + ").";
    }
    if (strictest.equals("raw")) {
      return Numbers.count(raw) + " stored " + label + ".";
    }
    return Numbers.count(raw) + " stored " + label + ", " + Numbers.count(bases.get(strictest)) + " unique.";
  }

  /** A big number per metric: its count at the strictest basis, with the raw count beside it. */
  private static void stats(Html h, Map<String, Map<String, Long>> metrics) {
    List<String> shown = metrics.keySet().stream().filter(m -> !m.contains(":")).toList();
    if (shown.isEmpty()) {
      return;
    }
    h.open("ul", "class", "stats");
    for (String metric : shown) {
      Map<String, Long> bases = metrics.get(metric);
      String strictest = SummaryView.strictest(bases);
      Long raw = bases.get("raw");
      String detail = strictest.equals("raw") || raw == null ? strictest : strictest + " · of " + Numbers.count(raw)
          + " raw";
      h.open("li", "class", "stat");
      h.el("span", Numbers.count(bases.get(strictest)), "class", "stat-value");
      h.el("span", Page.metricLabel(metric), "class", "stat-label");
      h.el("span", detail, "class", "stat-note");
      h.close("li");
    }
    h.close("ul");
  }

  // ---- inputs ------------------------------------------------------------------------------------------------

  private static void inputs(Html h, SummaryView s) {
    openSection(h, "inputs", "Inputs");
    openFacts(h);
    codeFact(h, "Input", Page.orDash(s.text("/input")));
    countFact(h, "Files", s.count("/ingest/files"));
    Long bytes = s.count("/ingest/bytes");
    if (bytes != null) {
      fact(h, "Size", Numbers.bytes(bytes) + (bytes >= 1000 ? " (" + Numbers.count(bytes) + " bytes)" : ""));
    }
    countFact(h, "Units found", s.count("/ingest/units"));
    countFact(h, "Items written", s.count("/ingest/items"));
    countFact(h, "Units quarantined", s.count("/ingest/quarantined"));
    h.close("dl");
    if (s.node("/ingest").isObject()) {
      itemsByKind(h, s);
      quarantine(h, s);
    } else {
      note(h, "No ingest summary in this run.");
    }
    parameters(h, s, "/dedup", "Dedup parameters");
    parameters(h, s, "/count", "Counting parameters");
    closeSection(h);
  }

  private static void countFact(Html h, String term, Long value) {
    if (value != null) {
      fact(h, term, Numbers.count(value));
    }
  }

  private static void itemsByKind(Html h, SummaryView s) {
    Map<String, Long> kinds = s.counts("/ingest/items_by_kind");
    if (kinds.isEmpty()) {
      return;
    }
    long total = kinds.values().stream().mapToLong(Long::longValue).sum();
    h.el("h3", "Items by kind");
    List<List<String>> rows = new ArrayList<>();
    kinds.forEach((kind, n) -> rows.add(List.of(kind, Numbers.count(n), Numbers.percent(n, total))));
    Page.table(h, "Items written, by kind", List.of(), List.of(Col.text("Kind"), Col.num("Items"), Col.num("Share")),
        rows, List.of("Total", Numbers.count(total), Numbers.percent(total, total)));
  }

  private static void quarantine(Html h, SummaryView s) {
    h.el("h3", "Quarantine");
    Map<String, Long> reasons = s.counts("/ingest/quarantine_by_reason");
    reasons.values().removeIf(n -> n == 0);
    Long quarantined = s.count("/ingest/quarantined");
    long total = quarantined != null ? quarantined : reasons.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      note(h, "Nothing quarantined: every unit found was parsed into an item.");
      return;
    }
    if (reasons.isEmpty()) {
      note(h, Numbers.count(total) + " units quarantined; no reasons recorded.");
      return;
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(reasons.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    List<List<String>> rows = new ArrayList<>();
    sorted.forEach(e -> rows.add(List.of(e.getKey(), Numbers.count(e.getValue()), Numbers.percent(e.getValue(),
        total))));
    note(h, "Units that could not be parsed are kept aside with a reason; they never fail the run.");
    Page.table(h, "Quarantined units, by reason", List.of(),
        List.of(Col.text("Reason"), Col.num("Units"), Col.num("Share")), rows,
        List.of("Total", Numbers.count(total), Numbers.percent(total, total)));
  }

  /** The scalar fields of a part (and of its objects one level down) as facts; arrays are left to summary.json. */
  private static void parameters(Html h, SummaryView s, String pointer, String heading) {
    JsonNode part = s.node(pointer);
    if (!part.isObject() || part.isEmpty()) {
      return;
    }
    h.el("h3", heading);
    openFacts(h);
    part.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode()) {
        fact(h, parameterLabel(e.getKey()), parameterValue(e.getValue()));
      } else if (e.getValue().isObject()) {
        e.getValue().fields().forEachRemaining(c -> {
          if (c.getValue().isValueNode()) {
            fact(h, parameterLabel(e.getKey()) + " · " + parameterLabel(c.getKey()), parameterValue(c.getValue()));
          }
        });
      }
    });
    h.close("dl");
  }

  private static final Map<String, String> PARAMETER_LABELS = Map.ofEntries(
      Map.entry("threshold", "Near-duplicate threshold (Jaccard)"),
      Map.entry("num_perm", "MinHash permutations"),
      Map.entry("shingle", "Shingle size (words)"),
      Map.entry("lsh_bands", "LSH bands"),
      Map.entry("lsh_rows", "LSH rows per band"),
      Map.entry("candidate_pairs", "Candidate pairs"),
      Map.entry("threads", "Threads"),
      Map.entry("inclusive_messages", "inclusive messages"),
      Map.entry("too_short_for_shingles", "Too short for shingles"),
      Map.entry("leak_date", "Leak date"),
      Map.entry("hll_lg_k", "HLL sketch lg k"),
      Map.entry("theta_lg_k", "Theta sketch lg k"));

  private static String parameterLabel(String key) {
    return PARAMETER_LABELS.getOrDefault(key, key.replace('_', ' '));
  }

  private static String parameterValue(JsonNode v) {
    if (v.isIntegralNumber()) {
      return Numbers.count(v.asLong());
    }
    if (v.isNumber()) {
      return Numbers.decimal(v.asDouble());
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? "yes" : "no";
    }
    return v.isNull() ? Numbers.NONE : v.asText();
  }

  // ---- timings -----------------------------------------------------------------------------------------------

  private static void timings(Html h, SummaryView s) {
    openSection(h, "timings", "Run and timings");
    Map<String, Double> stages = s.stageSeconds();
    if (stages.isEmpty()) {
      note(h, "No stage timings recorded.");
    } else {
      double total = stages.values().stream().mapToDouble(Double::doubleValue).sum();
      List<Svg.Bar> bars = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      stages.forEach((stage, sec) -> {
        bars.add(new Svg.Bar(stage, sec, Numbers.seconds(sec), Svg.Tone.STRONG));
        rows.add(List.of(stage, Numbers.seconds(sec), total > 0 ? Numbers.percent(sec / total) : Numbers.NONE));
      });
      Page.figure(h, Svg.bars("Seconds per stage (" + Numbers.seconds(total) + " in all)", bars, false));
      Page.table(h, "Time per stage", List.of(), List.of(Col.text("Stage"), Col.num("Time"), Col.num("Share")),
          rows, List.of("Total", Numbers.seconds(total), total > 0 ? "100%" : Numbers.NONE));
    }
    openFacts(h);
    fact(h, "leakscope version", Page.orDash(s.text("/leakscope_version")));
    fact(h, "Started", Page.orDash(Page.time(s.text("/started"))));
    fact(h, "Finished", Page.orDash(Page.time(s.text("/finished"))));
    Duration wall = Page.between(s.text("/started"), s.text("/finished"));
    if (wall != null && !wall.isNegative()) {
      fact(h, "Wall-clock time", Numbers.seconds(wall.toMillis() / 1000.0));
    }
    h.close("dl");
    closeSection(h);
  }

  private static void footer(Html h, SummaryView s) {
    h.open("footer", "class", "page");
    h.text("Made by leakscope " + Page.orDash(s.text("/leakscope_version"))
        + " from report/summary.json and the impact tables. This page is self-contained: no scripts, fonts or"
        + " images are fetched.");
    h.close("footer");
  }
}
