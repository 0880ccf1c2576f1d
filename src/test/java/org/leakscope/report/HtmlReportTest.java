package org.leakscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.leakscope.report.ReportData.CompanyRow;
import org.leakscope.report.ReportData.CountryRow;
import org.leakscope.report.ReportData.PolicyRow;
import org.leakscope.report.ReportData.YearRow;

class HtmlReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE = "<script>alert(1)</script> & \"Co\"";
  private static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;";

  // ---- fixtures ----------------------------------------------------------------------------------------------

  private static ObjectNode fixtureSummary() {
    try (InputStream in = HtmlReportTest.class.getResourceAsStream("/report/summary-fixture.json")) {
      assertNotNull(in, "report/summary-fixture.json on the test classpath");
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode summary(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<CompanyRow> companies(String firstName) {
    return List.of(
        new CompanyRow("c1", firstName, "DE", 1234L, 1100L, 5210L, 2100L, 1980L, 40L, 31L, "2019-03-01", "2022-06-12"),
        new CompanyRow("c2", "Globex GmbH", "AT", 310L, 290L, 800L, 420L, 400L, 12L, 9L, "2020-01-05", "2022-05-30"),
        new CompanyRow("c3", null, null, 0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null));
  }

  private static List<CountryRow> countries() {
    return List.of(new CountryRow("DE", "Germany", 12L, 2310L, 2500L), new CountryRow("AT", "Austria", 3L, 120L, 130L));
  }

  private static List<YearRow> years() {
    return List.of(
        new YearRow(2020, 120L, 10L, 50L, 80L, 95L),
        new YearRow(null, 30L, 5L, 700L, 12L, 14L),
        new YearRow(2019, 80L, 6L, 0L, 40L, 61L),
        new YearRow(2021, 150L, 40L, 0L, 190L, 210L),
        new YearRow(2022, 70L, 34L, 0L, 105L, 67L));
  }

  private static List<PolicyRow> policies() {
    return List.of(
        new PolicyRow(1, "2021-06-30", 0.72, 0.45, 0.66, 0.7),
        new PolicyRow(2, "2020-06-30", 0.61, 0.40, 0.55, 0.58));
  }

  private static ReportData fixture() {
    return new ReportData(fixtureSummary(), companies("Acme Corp"), countries(), years(), policies(), 5);
  }

  private static ReportData emptyRun(ObjectNode summary) {
    return new ReportData(summary, List.of(), List.of(), List.of(), List.of(), 5);
  }

  /** Parses with jsoup, failing on any parse error: the page must be well-formed HTML5. */
  private static Document parse(String page) {
    Parser parser = Parser.htmlParser().setTrackErrors(100);
    Document doc = Jsoup.parse(page, "", parser);
    assertEquals(List.of(), parser.getErrors().stream().map(Object::toString).toList(), "HTML parse errors");
    return doc;
  }

  private static List<String> golden() throws IOException {
    try (InputStream in = HtmlReportTest.class.getResourceAsStream("/golden/report-sections.txt")) {
      assertNotNull(in, "golden/report-sections.txt on the test classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  private static List<String> sections(Document doc) {
    return doc.select("section").stream().map(s -> s.id() + "\t" + s.selectFirst("h2").text()).toList();
  }

  // ---- structure ---------------------------------------------------------------------------------------------

  @Test
  void sectionsAppearInTheGoldenOrder() throws IOException {
    Document doc = parse(HtmlReport.render(fixture()));
    assertEquals(golden(), sections(doc));
    assertEquals("leakscope report", doc.selectFirst("#headline h1").text());
    assertTrue(doc.selectFirst("#headline").text().contains("file:/data/dump"));
    assertTrue(doc.selectFirst("#headline").text().contains("2026-11-29 17:00:00 UTC"));
  }

  @Test
  void anEmptySummaryAndEmptyListsStillRenderEverySectionWithNotes() throws IOException {
    String page = HtmlReport.render(emptyRun(summary("{}")));
    Document doc = parse(page);
    assertEquals(golden(), sections(doc));
    assertTrue(doc.select("svg").isEmpty(), "no chart without data");
    assertTrue(doc.selectFirst("#claims").text().contains("--claims FILE"));
    assertTrue(doc.selectFirst("#funnel").text().contains("No metrics"));
    assertTrue(doc.selectFirst("#companies").text().startsWith("Companies exposed None"));
    assertTrue(doc.selectFirst("#countries").text().contains("None"));
    assertTrue(doc.selectFirst("#age").text().contains("no exposed data by year"));
    assertTrue(doc.selectFirst("#age").text().contains("no retention periods"));
    assertTrue(doc.selectFirst("#inputs").text().contains("No ingest summary"));
    assertTrue(doc.selectFirst("#timings").text().contains("No stage timings"));
    assertTrue(doc.selectFirst("#headline").text().contains("no counts yet"));
    assertFalse(page.contains("NaN") || page.contains("Infinity") || page.contains("null"), page);
  }

  @Test
  void aRunWithoutClaimsOrEntityMetricsLeadsWithStoredAndUniqueMessages() throws IOException {
    ObjectNode s = fixtureSummary();
    s.remove("claims");
    s.remove("estimates");
    ObjectNode metrics = (ObjectNode) s.get("metrics");
    metrics.remove(List.of("email_addresses", "users", "companies", "countries"));
    Document doc = parse(HtmlReport.render(emptyRun(s)));
    assertEquals(golden(), sections(doc));
    assertEquals("1,310 stored email messages, 419 unique.", doc.selectFirst("#headline .lead").text());
    assertTrue(doc.selectFirst("#claims").text().contains("--claims FILE"));
    assertEquals(List.of("email messages", "documents", "records", "records: projects", "records: users"),
        doc.select("#funnel .metric h3").stream().map(e -> e.ownText().strip()).toList());
  }

  @Test
  void nothingIsScriptedOrFetched() {
    String page = HtmlReport.render(fixture());
    String lower = page.toLowerCase(Locale.ROOT);
    for (String banned : List.of("<script", "http://", "https://", "@import", "url(", "<link", "<img", "<iframe",
        "<object", "<embed", "src=", "javascript:")) {
      assertFalse(lower.contains(banned), "page contains " + banned);
    }
    Document doc = parse(page);
    for (Element a : doc.select("[href]")) {
      assertTrue(a.attr("href").startsWith("#"), "only links within the page: " + a.attr("href"));
    }
    assertFalse(lower.contains("//"), "no protocol-relative references");
  }

  @Test
  void theLayoutIsResponsiveAndPrintable() {
    Document doc = parse(HtmlReport.render(fixture()));
    assertEquals("width=device-width, initial-scale=1", doc.selectFirst("meta[name=viewport]").attr("content"));
    String css = doc.selectFirst("head style").data();
    assertTrue(css.contains("@media print"));
    assertTrue(css.contains("max-width"));
    assertTrue(css.contains("system-ui"));
    for (Element table : doc.select("table")) {
      assertTrue(table.parent().hasClass("table-wrap"), "every table scrolls in a wrapper");
    }
    for (Element svg : doc.select("svg")) {
      assertTrue(svg.parent().is("figure.chart"), "every chart in a figure kept on one printed page");
    }
  }

  @Test
  void everyChartHasATitleAnAccessibleNameAndAViewBox() {
    Document doc = parse(HtmlReport.render(fixture()));
    // 2 claims, 9 metrics, companies, countries, 2 age charts, timings
    assertEquals(2 + 9 + 1 + 1 + 2 + 1, doc.select("svg").size());
    for (Element svg : doc.select("svg")) {
      Element title = svg.child(0);
      assertEquals("title", title.tagName());
      assertFalse(title.text().isBlank());
      assertEquals("img", svg.attr("role"));
      assertEquals(title.text(), svg.attr("aria-label"));
      assertTrue(svg.attr("viewBox").matches("0 0 \\d+ \\d+"), svg.attr("viewBox"));
      assertEquals("100%", svg.attr("width"));
    }
  }

  // ---- content -----------------------------------------------------------------------------------------------

  @Test
  void everyClaimShowsClaimantQuoteFindingAndBars() {
    Document doc = parse(HtmlReport.render(fixture()));
    List<Element> claims = doc.select("#claims article.claim");
    assertEquals(2, claims.size());
    for (SummaryView.Claim c : new SummaryView(fixtureSummary()).claims()) {
      assertTrue(doc.selectFirst("#claims").text().contains(c.claimant()));
      assertTrue(doc.selectFirst("#claims").text().contains(c.finding()));
      assertTrue(doc.selectFirst("#claims").text().contains(c.quote()));
    }
    Element finder = claims.get(0);
    assertEquals("The exposed bucket holds 1,310 emails with attachments. — vendor blog post",
        finder.selectFirst("blockquote").text());
    assertEquals(List.of("claimed", "raw", "exact_unique", "near_unique"), barLabels(finder));
    assertTrue(finder.selectFirst("svg").text().contains("1,310 · closest"));
    assertEquals("Claimed ÷ strictest (near_unique): 1,310 ÷ 419 = 3.1×",
        finder.selectFirst(".overstatement").text());
    Element owner = claims.get(1);
    assertEquals(List.of("raw", "exact_unique", "near_unique"), barLabels(owner), "no claimed bar without a number");
    assertTrue(owner.select(".overstatement").isEmpty());
    // headline leads with the findings
    assertEquals(new SummaryView(fixtureSummary()).claims().stream().map(SummaryView.Claim::finding).toList(),
        doc.select("#headline .lead").stream().map(Element::text).toList());
  }

  /** The row labels of a bar chart: the text elements anchored at their end. */
  private static List<String> barLabels(Element container) {
    return container.select("svg text[text-anchor=end]").stream().map(Element::text).toList();
  }

  @Test
  void theFunnelShowsEachBasisWithItsShareOfRawAndTheEstimates() {
    Document doc = parse(HtmlReport.render(fixture()));
    List<Element> metrics = doc.select("#funnel .metric");
    assertEquals(List.of("email_messages", "documents", "records", "records:projects", "records:users",
        "email_addresses", "users", "companies", "countries"),
        metrics.stream().map(m -> m.selectFirst("h3 code").text()).toList());
    Element messages = metrics.get(0);
    assertEquals(List.of("raw", "exact_unique", "near_unique"), barLabels(messages));
    assertEquals(List.of("1,310 · 100%", "450 · 34%", "419 · 32%"),
        messages.select("svg text[text-anchor=start]").stream().map(Element::text).toList());
    assertEquals("distinct_normalized ≈ 447 (447–449)", metrics.get(5).selectFirst(".estimate").text());
    assertEquals("resolved ≈ 427 (425–432)", metrics.get(6).selectFirst(".estimate").text());
    assertEquals(List.of("raw", "distinct_raw", "distinct_normalized", "resolved"), barLabels(metrics.get(6)));
  }

  @Test
  void numbersCarrySeparatorsSharesArePercentAndSecondsHaveOneDecimal() {
    Document doc = parse(HtmlReport.render(fixture()));
    String inputs = doc.selectFirst("#inputs").text();
    assertTrue(inputs.contains("Files 890"), inputs);
    assertTrue(inputs.contains("Size 3.4 MB (3,425,076 bytes)"), inputs);
    assertTrue(inputs.contains("Units found 2,165"), inputs);
    assertTrue(inputs.contains("email 1,310 61%"), inputs);
    assertTrue(inputs.contains("malformed 1 33%"), inputs);
    assertTrue(inputs.contains("Near-duplicate threshold (Jaccard) 0.8"), inputs);
    assertTrue(inputs.contains("Threads · conversations 274"), inputs);
    assertTrue(inputs.contains("Candidate pairs 5,123"), inputs);
    String timings = doc.selectFirst("#timings").text();
    assertTrue(timings.contains("extract 20.1 s"), timings);
    assertTrue(timings.contains("Total 52.4 s 100%"), timings);
    assertTrue(timings.contains("Wall-clock time 120.0 s"), timings);
    assertTrue(doc.selectFirst("#companies").text().contains("Acme Corp DE 1,234 1,100 5,210 2,100 1,980 40 31"));
    assertTrue(doc.selectFirst("#countries").text().contains("DE Germany 2,310 2,500 12"));
    assertEquals("A policy deleting data older than 2 years at 2022-06-30 (cutoff 2020-06-30) would have removed 61%"
        + " of messages, 40% of documents, 55% of users and 58% of addresses.",
        doc.select("#age li").get(1).text());

    assertEquals("1,310", Numbers.count(1310));
    assertEquals("1,234,567,890", Numbers.count(1_234_567_890L));
    assertEquals("0%", Numbers.percent(0.0));
    assertEquals("0.4%", Numbers.percent(0.004));
    assertEquals("<0.1%", Numbers.percent(0.0001));
    assertEquals(">99.9%", Numbers.percent(0.99999));
    assertEquals("99.6%", Numbers.percent(0.996));
    assertEquals("100%", Numbers.percent(1.0));
    assertEquals("—", Numbers.percent(5, 0));
    assertEquals("12.3 s", Numbers.seconds(12.34));
    assertEquals("3.1×", Numbers.ratio(3.13));
    assertEquals("999 bytes", Numbers.bytes(999));
    assertEquals("1.0 kB", Numbers.bytes(1000));
    assertEquals("1.0 MB", Numbers.bytes(999_999));
  }

  @Test
  void theAgeSectionChartsYearsOldestFirstWithUndatedLast() {
    Document doc = parse(HtmlReport.render(fixture()));
    Element age = doc.selectFirst("#age");
    assertEquals(List.of("2019", "2020", "2021", "2022", "undated"),
        age.select("tbody tr").stream().limit(5).map(r -> r.child(0).text()).toList());
    List<Element> charts = age.select("svg");
    assertEquals(2, charts.size());
    assertTrue(charts.get(0).text().contains("undated"));
    assertTrue(charts.get(1).text().contains("users") && charts.get(1).text().contains("addresses"), "legend");
  }

  @Test
  void hostileTextFromTheDataAppearsOnlyEscaped() {
    ObjectNode s = fixtureSummary();
    s.put("input", "file:/dump/" + HOSTILE);
    ObjectNode claim = (ObjectNode) s.get("claims").get(0);
    claim.put("claimant", HOSTILE);
    claim.put("quote", HOSTILE);
    claim.put("source", HOSTILE);
    claim.put("finding", HOSTILE);
    ((ObjectNode) s.get("metrics")).putObject("records:" + HOSTILE).put("raw", 3).put("exact_unique", 2);
    ((ObjectNode) s.get("ingest").get("quarantine_by_reason")).put(HOSTILE, 2);
    ReportData data = new ReportData(s, companies(HOSTILE),
        List.of(new CountryRow(HOSTILE, HOSTILE, 1L, 1L, 1L)), years(), policies(), 5);
    String page = HtmlReport.render(data);

    assertFalse(page.toLowerCase(Locale.ROOT).contains("<script"), "no script tag from the data");
    assertTrue(page.contains(HOSTILE_ESCAPED));
    Document doc = parse(page);
    assertTrue(doc.select("script").isEmpty());
    assertEquals(HOSTILE, doc.selectFirst("#companies td.name").text());
    assertEquals(HOSTILE, doc.selectFirst("#claims article h3").ownText().strip());
    assertTrue(doc.selectFirst("#claims svg").attr("aria-label").startsWith(HOSTILE + ":"),
        "an attribute value survives whole");
    assertTrue(doc.title().endsWith(HOSTILE));
    assertTrue(doc.selectFirst("#inputs").text().contains(HOSTILE));
  }

  @Test
  void zeroCountsAndZeroTimesNeverDivideByZero() throws IOException {
    ObjectNode s = summary("""
        {"input": "file:/empty", "ingest": {"files": 0, "bytes": 0, "units": 0, "items": 0, "quarantined": 0,
                   "items_by_kind": {}, "quarantine_by_reason": {}},
         "metrics": {"email_messages": {"raw": 0, "exact_unique": 0, "near_unique": 0}},
         "claims": [{"claimant": "Someone", "metric": "email_messages", "claimed": 10,
                     "measured": {"raw": 0, "exact_unique": 0, "near_unique": 0},
                     "strictest_basis": "near_unique", "measured_strictest": 0, "overstatement": null}],
         "stages": {"ingest": {"seconds": 0.0}}}
        """);
    ReportData data = new ReportData(s,
        List.of(new CompanyRow("c", "Zero Ltd", "GB", 0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null)),
        List.of(new CountryRow("GB", "United Kingdom", 0L, 0L, 0L)),
        List.of(new YearRow(null, 0L, 0L, 0L, 0L, 0L)), List.of(new PolicyRow(3, null, 0.0, 0.0, 0.0, 0.0)), 5);
    String page = HtmlReport.render(data);
    Document doc = parse(page);
    assertEquals(golden(), sections(doc));
    assertFalse(page.contains("NaN") || page.contains("Infinity"), page);
    assertTrue(doc.selectFirst("#inputs").text().contains("Nothing quarantined"));
    assertTrue(doc.selectFirst("#funnel").text().contains("0 · —"));
    assertTrue(doc.selectFirst("#claims .overstatement").text().endsWith("no ratio: nothing counted at the strictest"
        + " basis"));
    assertEquals("A policy deleting data older than 3 years at the leak date would have removed 0% of messages, 0% of"
        + " documents, 0% of users and 0% of addresses.", doc.selectFirst("#age li").text());
  }
}
