package org.leakscope.report;

import static org.leakscope.report.Page.closeSection;
import static org.leakscope.report.Page.note;
import static org.leakscope.report.Page.openSection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakscope.report.SummaryView.Claim;
import org.leakscope.report.SummaryView.Estimate;

/**
 * The report's sections on the counts themselves: the published {@code claims} against the measured counts, and the
 * {@code funnel} of each metric from raw to its strictest basis.
 */
final class CountSections {
  private CountSections() {}

  // ---- claims ------------------------------------------------------------------------------------------------

  static void claims(Html h, SummaryView s) {
    openSection(h, "claims", "Published claims against the measured counts");
    List<Claim> claims = s.claims();
    if (claims.isEmpty()) {
      h.open("p", "class", "note")
          .text("No published claims were given for this run. To set statements about the dump against these"
              + " counts, list them in a claims file (see docs/claims.md) and pass it with ")
          .el("code", "--claims FILE")
          .text(", e.g. ")
          .el("code", "leakscope run --input URI --output DIR --claims claims.yaml")
          .text(".")
          .close("p");
    } else {
      note(h, "Each claim next to what was measured for its metric under every basis. The bar of the basis closest"
          + " to the claimed number is dark; the claimed number is the outlined bar.");
      claims.forEach(c -> claim(h, c));
    }
    closeSection(h);
  }

  private static void claim(Html h, Claim c) {
    String claimant = c.claimant() == null ? "Unnamed claimant" : c.claimant();
    h.open("article", "class", "claim");
    h.open("h3").text(claimant);
    if (c.date() != null) {
      h.text(" ").el("span", c.date(), "class", "date");
    }
    h.close("h3");
    h.open("p", "class", "meta").text("About ").text(Page.metricLabel(c.metric()));
    if (c.claimed() != null) {
      h.text(" · claimed ").el("strong", Numbers.count(c.claimed()));
    } else {
      h.text(" · no number claimed");
    }
    h.close("p");
    if (c.quote() != null) {
      h.open("blockquote").el("p", c.quote());
      if (c.source() != null) {
        h.el("footer", "— " + c.source());
      }
      h.close("blockquote");
    } else if (c.source() != null) {
      h.el("p", "Source: " + c.source(), "class", "meta");
    }
    claimChart(h, claimant, c);
    if (c.finding() != null) {
      h.el("p", c.finding(), "class", "finding");
    }
    overstatement(h, c);
    h.close("article");
  }

  private static void claimChart(Html h, String claimant, Claim c) {
    if (c.measured().isEmpty()) {
      note(h, "Nothing was measured for " + Page.metricLabel(c.metric()) + " in this run.");
      return;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    if (c.claimed() != null) {
      bars.add(new Svg.Bar("claimed", c.claimed(), Numbers.count(c.claimed()) + " claimed", Svg.Tone.CLAIM, true));
    }
    c.measured().forEach((basis, value) -> {
      boolean closest = basis.equals(c.closestBasis());
      bars.add(new Svg.Bar(basis, value, Numbers.count(value) + (closest ? " · closest" : ""),
          closest ? Svg.Tone.STRONG : Svg.Tone.MEASURED, closest));
    });
    String metric = Page.metricLabel(c.metric());
    String title = c.claimed() != null
        ? claimant + ": " + Numbers.count(c.claimed()) + " " + metric + " claimed, against the measured counts"
        : claimant + ": no number claimed; the measured counts of " + metric;
    Page.figure(h, Svg.bars(title, bars, false));
  }

  /** "Claimed ÷ strictest (near_unique): 1,310 ÷ 419 = 3.1×", when the claim gave a number. */
  private static void overstatement(Html h, Claim c) {
    if (c.claimed() == null || c.measuredStrictest() == null) {
      return;
    }
    Double ratio = c.overstatement();
    if (ratio == null && c.measuredStrictest() > 0) {
      ratio = (double) c.claimed() / c.measuredStrictest();
    }
    String basis = c.strictestBasis() == null ? "" : " (" + c.strictestBasis() + ")";
    h.open("p", "class", "overstatement")
        .text("Claimed ÷ strictest" + basis + ": " + Numbers.count(c.claimed()) + " ÷ "
            + Numbers.count(c.measuredStrictest()) + " = ");
    if (ratio != null) {
      h.el("strong", Numbers.ratio(ratio));
    } else {
      h.text("no ratio: nothing counted at the strictest basis");
    }
    h.close("p");
  }

  // ---- funnel ------------------------------------------------------------------------------------------------

  static void funnel(Html h, SummaryView s) {
    openSection(h, "funnel", "From raw to unique, per metric");
    Map<String, Map<String, Long>> metrics = s.metrics();
    if (metrics.isEmpty()) {
      note(h, "No metrics in this summary: the count stages have not run.");
      closeSection(h);
      return;
    }
    note(h, "Each metric counted under every basis that applies, from the loosest (raw: every occurrence as stored)"
        + " to the strictest (dark bar). Bars show the count and its share of raw; ≈ marks a sketch estimate with"
        + " its 95% bounds.");
    h.open("div", "class", "grid");
    metrics.forEach((metric, bases) -> metricFunnel(h, s, metric, bases));
    h.close("div");
    glossary(h, metrics);
    closeSection(h);
  }

  private static void metricFunnel(Html h, SummaryView s, String metric, Map<String, Long> bases) {
    h.open("div", "class", "metric");
    h.open("h3").text(Page.metricLabel(metric) + " ").el("code", metric).close("h3");
    Long raw = bases.get("raw");
    String strictest = SummaryView.strictest(bases);
    List<Svg.Bar> bars = new ArrayList<>();
    bases.forEach((basis, value) -> {
      String label = Numbers.count(value) + (raw != null ? " · " + Numbers.percent(value, raw) : "");
      boolean last = basis.equals(strictest);
      bars.add(new Svg.Bar(basis, value, label, last ? Svg.Tone.STRONG : Svg.Tone.MEASURED, last));
    });
    Page.figure(h, Svg.bars(Page.metricLabel(metric) + ": count at each basis, from raw to " + strictest, bars,
        true));
    for (String basis : bases.keySet()) {
      Estimate e = s.estimate(metric, basis);
      if (e != null) {
        h.open("p", "class", "estimate").el("code", basis)
            .text(" ≈ " + Numbers.count(e.estimate()) + " (" + Numbers.count(e.lower95()) + "–"
                + Numbers.count(e.upper95()) + ")")
            .close("p");
      }
    }
    h.close("div");
  }

  /** What the bases shown mean, loosest first. */
  private static void glossary(Html h, Map<String, Map<String, Long>> metrics) {
    Set<String> shown = new LinkedHashSet<>();
    metrics.values().forEach(b -> shown.addAll(b.keySet()));
    Map<String, Long> ordered = new LinkedHashMap<>();
    shown.forEach(b -> ordered.put(b, 0L));
    h.el("h3", "What the bases mean");
    Page.openFacts(h);
    for (String basis : SummaryView.inBasisOrder(ordered).keySet()) {
      h.open("dt").el("code", basis).close("dt")
          .el("dd", Page.BASIS_MEANINGS.getOrDefault(basis, "not in the counting vocabulary"));
    }
    h.close("dl");
  }
}
