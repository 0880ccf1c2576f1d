package org.leakscope.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's two chart primitives as inline SVG: horizontal {@linkplain #bars bars} and grouped vertical
 * {@linkplain #columns columns}. Each chart scales with its container (a {@code viewBox}, width 100%), carries a
 * {@code <title>}, {@code role="img"} and an {@code aria-label}, and labels every bar with its value, so it reads
 * without colour and without the table beside it. A chart of zeros draws empty bars, never divides by zero; all
 * text is escaped.
 *
 * <pre>{@code
 * String svg = Svg.bars("Email messages", List.of(
 *     new Svg.Bar("raw", 1310, "1,310 · 100%", Svg.Tone.MEASURED),
 *     new Svg.Bar("near_unique", 419, "419 · 32%", Svg.Tone.STRONG)), false);
 * }</pre>
 */
final class Svg {
  private Svg() {}

  /** How a bar is drawn; the palette is small and every tone also differs in lightness or outline. */
  enum Tone {
    /** A measured value: light slate. */
    MEASURED("#9fb3c8", null),
    /** The value the chart is about (closest basis, strictest count, first series): strong blue. */
    STRONG("#1d4ed8", null),
    /** A claimed, not measured, value: hollow with a dashed outline. */
    CLAIM("#ffffff", "#1f2933"),
    /** A second series: light amber with a dark outline. */
    SECOND("#f6c453", "#7c5e10");

    private final String fill;
    private final String stroke;

    Tone(String fill, String stroke) {
      this.fill = fill;
      this.stroke = stroke;
    }
  }

  /** One horizontal bar: the label left of it, the value label right of it; {@code bold} marks it in text too. */
  record Bar(String label, double value, String valueLabel, Tone tone, boolean bold) {
    Bar(String label, double value, String valueLabel, Tone tone) {
      this(label, value, valueLabel, tone, false);
    }
  }

  /** One series of a column chart: a value per category. */
  record Series(String name, Tone tone, List<Long> values) {}

  private static final String INK = "#1f2933";
  private static final String GRID = "#cbd5e1";
  private static final int WIDTH = 560;
  private static final int FONT = 14;
  private static final int SMALL_FONT = 12;

  // Bars: label column, plot, value column.
  // The label column fits the longest basis name (distinct_normalized) whole; longer labels are cut.
  private static final int LABEL_RIGHT = 172;
  private static final int PLOT_X = 180;
  private static final int PLOT_W = 220;
  private static final int ROW = 28;
  private static final int BAR_H = 18;
  private static final int PAD = 6;

  // Columns.
  private static final int PLOT_H = 160;
  private static final int MAX_COLUMN_W = 44;

  /**
   * A horizontal bar chart, one row per bar, all on one scale. {@code centered} centres each bar on the plot, so a
   * chart of shrinking counts reads as a funnel; value labels then sit in a column of their own.
   */
  static String bars(String title, List<Bar> bars, boolean centered) {
    int height = PAD * 2 + ROW * Math.max(1, bars.size());
    Html h = open(title, height);
    double max = bars.stream().mapToDouble(b -> positive(b.value())).max().orElse(0);
    double scale = max > 0 ? PLOT_W / max : 0;
    if (!centered) {
      line(h, PLOT_X, PAD, PLOT_X, height - PAD, GRID);
    }
    for (int i = 0; i < bars.size(); i++) {
      bar(h, bars.get(i), PAD + i * ROW + ROW / 2.0, scale, centered);
    }
    return h.close("svg").toString();
  }

  private static void bar(Html h, Bar bar, double cy, double scale, boolean centered) {
    String weight = bar.bold() ? "700" : null;
    int maxChars = (int) ((LABEL_RIGHT - 4) / charWidth(FONT));
    text(h, LABEL_RIGHT, cy, "end", FONT, weight, bar.label(), maxChars);
    double w = positive(bar.value()) * scale;
    if (bar.value() > 0 && w < 1) {
      w = 1; // a value too small for the scale still shows as a sliver, not as nothing
    }
    double x = centered ? PLOT_X + (PLOT_W - w) / 2 : PLOT_X;
    rect(h, x, cy - BAR_H / 2.0, w, BAR_H, bar.tone());
    double labelX = centered ? PLOT_X + PLOT_W + 8 : PLOT_X + w + 6;
    int valueChars = (int) ((WIDTH - labelX) / charWidth(FONT));
    text(h, labelX, cy, "start", FONT, weight, bar.valueLabel(), valueChars);
  }

  /**
   * A column chart: for each category a group of columns, one per series, each labelled with its value (turned
   * upright when the columns are narrow); a legend above when there is more than one series.
   */
  static String columns(String title, List<String> categories, List<Series> series) {
    int n = Math.max(1, categories.size());
    int k = Math.max(1, series.size());
    double widestValue = 0;
    double max = 0;
    for (Series s : series) {
      for (Long v : s.values()) {
        widestValue = Math.max(widestValue, textWidth(Numbers.count(v), SMALL_FONT));
        max = Math.max(max, v);
      }
    }
    double widestCategory = categories.stream().mapToDouble(c -> textWidth(c, SMALL_FONT)).max().orElse(0);
    double left = 8;
    double groupW = (WIDTH - 16) / (double) n;
    boolean turnCategories = widestCategory > groupW - 4;
    if (turnCategories) {
      left = Math.max(8, widestCategory * 0.71 - groupW / 2);
      groupW = (WIDTH - left - 8) / n;
    }
    double colW = Math.min(MAX_COLUMN_W, groupW * 0.8 / k);
    boolean turnValues = widestValue > colW + 2;
    int legend = series.size() > 1 ? 24 : 0;
    double top = legend + (turnValues ? widestValue + 8 : 20);
    double bottom = turnCategories ? widestCategory * 0.71 + 18 : 24;
    double baseline = top + PLOT_H;
    Html h = open(title, (int) Math.ceil(baseline + bottom));
    legend(h, series);
    double scale = max > 0 ? PLOT_H / max : 0;
    for (int i = 0; i < categories.size(); i++) {
      double groupX = left + i * groupW;
      double x0 = groupX + (groupW - colW * series.size()) / 2;
      for (int j = 0; j < series.size(); j++) {
        long v = i < series.get(j).values().size() ? series.get(j).values().get(i) : 0;
        column(h, x0 + j * colW, colW, baseline, positive(v) * scale, v, series.get(j).tone(), turnValues);
      }
      categoryLabel(h, groupX + groupW / 2, baseline, categories.get(i), turnCategories);
    }
    line(h, left, baseline, WIDTH - 8, baseline, INK);
    return h.close("svg").toString();
  }

  private static void column(Html h, double x, double w, double baseline, double height, long value, Tone tone,
      boolean turn) {
    double drawn = value > 0 ? Math.max(1, height) : 0;
    rect(h, x + 1, baseline - drawn, Math.max(1, w - 2), drawn, tone);
    double cx = x + w / 2;
    double y = baseline - drawn - 4;
    if (turn) {
      h.open("text", "x", n(cx), "y", n(y), "dy", "0.35em", "text-anchor", "start", "font-size", n(SMALL_FONT),
          "fill", INK, "transform", "rotate(-90 " + n(cx) + " " + n(y) + ")");
    } else {
      h.open("text", "x", n(cx), "y", n(y), "text-anchor", "middle", "font-size", n(SMALL_FONT), "fill", INK);
    }
    h.text(Numbers.count(value)).close("text");
  }

  private static void categoryLabel(Html h, double cx, double baseline, String label, boolean turn) {
    if (turn) {
      double y = baseline + 12;
      h.open("text", "x", n(cx), "y", n(y), "text-anchor", "end", "font-size", n(SMALL_FONT), "fill", INK,
          "transform", "rotate(-45 " + n(cx) + " " + n(y) + ")");
    } else {
      h.open("text", "x", n(cx), "y", n(baseline + 17), "text-anchor", "middle", "font-size", n(SMALL_FONT),
          "fill", INK);
    }
    h.text(label).close("text");
  }

  private static void legend(Html h, List<Series> series) {
    if (series.size() < 2) {
      return;
    }
    double x = 8;
    for (Series s : series) {
      rect(h, x, 5, 14, 14, s.tone());
      text(h, x + 20, 12, "start", SMALL_FONT, null, s.name(), 40);
      x += 20 + textWidth(s.name(), SMALL_FONT) + 18;
    }
  }

  /** Opens the {@code <svg>} element with its title: the accessible name of the chart. */
  private static Html open(String title, int height) {
    Html h = new Html();
    h.open("svg", "class", "chart", "role", "img", "aria-label", title, "viewBox", "0 0 " + WIDTH + " " + height,
        "width", "100%", "preserveAspectRatio", "xMidYMid meet");
    h.el("title", title);
    return h;
  }

  private static void rect(Html h, double x, double y, double w, double height, Tone tone) {
    h.open("rect", "x", n(x), "y", n(y), "width", n(w), "height", n(height), "fill", tone.fill, "stroke",
        tone.stroke, "stroke-width", tone.stroke == null ? null : "1.5", "stroke-dasharray",
        tone == Tone.CLAIM ? "5 3" : null).close("rect");
  }

  private static void line(Html h, double x1, double y1, double x2, double y2, String colour) {
    h.open("line", "x1", n(x1), "y1", n(y1), "x2", n(x2), "y2", n(y2), "stroke", colour, "stroke-width", "1")
        .close("line");
  }

  /** A text cut to {@code maxChars}, with the whole text as a tooltip when it was cut. */
  private static void text(Html h, double x, double y, String anchor, int font, String weight, String s,
      int maxChars) {
    String label = s == null ? "" : s;
    String shown = truncate(label, Math.max(1, maxChars));
    h.open("text", "x", n(x), "y", n(y), "dy", "0.35em", "text-anchor", anchor, "font-size", n(font), "font-weight",
        weight, "fill", INK);
    if (!shown.equals(label)) {
      h.el("title", label);
    }
    h.text(shown).close("text");
  }

  static String truncate(String s, int maxChars) {
    if (s.codePointCount(0, s.length()) <= maxChars) {
      return s;
    }
    int end = s.offsetByCodePoints(0, Math.max(0, maxChars - 1));
    return s.substring(0, end).stripTrailing() + "…";
  }

  private static double charWidth(int font) {
    return font * 0.6;
  }

  private static double textWidth(String s, int font) {
    return s.codePointCount(0, s.length()) * charWidth(font);
  }

  private static double positive(double v) {
    return Double.isFinite(v) && v > 0 ? v : 0;
  }

  /** A coordinate with at most one decimal, {@link Locale#ROOT}. */
  private static String n(double v) {
    double r = Math.round(v * 10) / 10.0;
    return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }
}
