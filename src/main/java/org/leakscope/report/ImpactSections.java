package org.leakscope.report;

import static org.leakscope.report.Page.closeSection;
import static org.leakscope.report.Page.note;
import static org.leakscope.report.Page.openSection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.leakscope.report.Page.Col;
import org.leakscope.report.Page.Group;
import org.leakscope.report.ReportData.CompanyRow;
import org.leakscope.report.ReportData.CountryRow;
import org.leakscope.report.ReportData.PolicyRow;
import org.leakscope.report.ReportData.YearRow;

/**
 * The report's sections on who and what is exposed: the top {@code companies} and {@code countries}, and the
 * {@code age} of the exposed data with the retention what-ifs.
 */
final class ImpactSections {
  private ImpactSections() {}

  /** How many rows the bar charts show; the tables show every row given. */
  static final int CHART_TOP = 10;

  // ---- companies ---------------------------------------------------------------------------------------------

  static void companies(Html h, List<CompanyRow> companies, int k) {
    openSection(h, "companies", "Companies exposed");
    if (companies.isEmpty()) {
      note(h, "None: no companies were found in this run.");
      closeSection(h);
      return;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    for (CompanyRow c : companies.subList(0, Math.min(CHART_TOP, companies.size()))) {
      bars.add(new Svg.Bar(companyName(c), Numbers.orZero(c.addresses()), Numbers.count(c.addresses()), Svg.Tone.STRONG));
    }
    Page.figure(h, Svg.bars("Unique email addresses exposed, top " + bars.size() + " companies", bars, false));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < companies.size(); i++) {
      CompanyRow c = companies.get(i);
      rows.add(List.of(Integer.toString(i + 1), companyName(c), Page.orDash(c.country()),
          Numbers.count(c.addresses()), Numbers.count(c.users()), Numbers.count(c.messagesRaw()),
          Numbers.count(c.messagesExactUnique()), Numbers.count(c.messagesNearUnique()),
          Numbers.count(c.documentsExactUnique()), Numbers.count(c.documentsNearUnique()),
          Page.orDash(c.firstDate()), Page.orDash(c.lastDate())));
    }
    List<Group> groups = List.of(new Group("", 5), new Group("Messages", 3), new Group("Documents", 2),
        new Group("Dates", 2));
    List<Col> cols = List.of(Col.num("#"), Col.name("Company"), Col.text("Country"), Col.num("Unique addresses"),
        Col.num("Users"), Col.num("raw"), Col.num("exact_unique"), Col.num("near_unique"),
        Col.num("exact_unique"), Col.num("near_unique"), Col.text("First"), Col.text("Last"));
    Page.table(h, "Top " + companies.size() + " companies by unique email addresses", groups, cols, rows, null);
    suppressionNote(h, k);
    closeSection(h);
  }

  /** Says what a hidden cell is (once per table that can have them). */
  static void suppressionNote(Html h, int k) {
    if (k > 1) {
      note(h, "Counts from 1 to " + (k - 1) + " are shown as hidden, and so is one more count of the same column in "
          + "their group where needed, so that a hidden count cannot be worked out from a total (the tables/ "
          + "keep exact counts for authorized analysts).");
    }
  }

  private static String companyName(CompanyRow c) {
    if (c.name() != null && !c.name().isBlank()) {
      return c.name();
    }
    return c.companyId() != null ? c.companyId() : "(unnamed)";
  }

  // ---- countries ---------------------------------------------------------------------------------------------

  static void countries(Html h, List<CountryRow> countries, int k) {
    openSection(h, "countries", "Countries");
    if (countries.isEmpty()) {
      note(h, "None: no countries could be derived in this run.");
      closeSection(h);
      return;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    for (CountryRow c : countries.subList(0, Math.min(CHART_TOP, countries.size()))) {
      bars.add(new Svg.Bar(countryName(c), Numbers.orZero(c.users()), Numbers.count(c.users()), Svg.Tone.STRONG));
    }
    Page.figure(h, Svg.bars("Users exposed, top " + bars.size() + " countries", bars, false));
    List<List<String>> rows = new ArrayList<>();
    for (CountryRow c : countries) {
      rows.add(List.of(Page.orDash(c.country()), Page.orDash(c.name()), Numbers.count(c.users()),
          Numbers.count(c.addresses()), Numbers.count(c.companies())));
    }
    Page.table(h, "Top " + countries.size() + " countries by users", List.of(Col.text("Code"), Col.name("Country"),
        Col.num("Users"), Col.num("Unique addresses"), Col.num("Companies")), rows);
    suppressionNote(h, k);
    closeSection(h);
  }

  private static String countryName(CountryRow c) {
    if (c.name() == null || c.name().isBlank()) {
      return Page.orDash(c.country());
    }
    return c.country() == null ? c.name() : c.name() + " (" + c.country() + ")";
  }

  // ---- age ---------------------------------------------------------------------------------------------------

  static void age(Html h, SummaryView s, List<YearRow> years, List<PolicyRow> policies, int k) {
    openSection(h, "age", "How old the exposed data is");
    String leakDate = s.text("/count/leak_date");
    if (years.isEmpty()) {
      note(h, "None: no exposed data by year in this run.");
    } else {
      yearCharts(h, datedFirst(years), k);
    }
    h.el("h3", "If a retention policy had been in place");
    if (policies.isEmpty()) {
      note(h, "None: no retention periods were asked for.");
    } else {
      retention(h, policies, leakDate);
    }
    closeSection(h);
  }

  /** Oldest year first, undated last. */
  private static List<YearRow> datedFirst(List<YearRow> years) {
    List<YearRow> out = new ArrayList<>(years);
    out.sort(Comparator.comparing(YearRow::year, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }

  private static void yearCharts(Html h, List<YearRow> years, int k) {
    note(h, "Exposed data by the year of its newest date; data without any date is counted as undated.");
    List<String> categories = years.stream().map(ImpactSections::yearLabel).toList();
    List<Long> messages = years.stream().map(y -> Numbers.orZero(y.messages())).toList();
    List<Long> users = years.stream().map(y -> Numbers.orZero(y.users())).toList();
    List<Long> addresses = years.stream().map(y -> Numbers.orZero(y.addresses())).toList();
    h.open("div", "class", "grid");
    Page.figure(h, Svg.columns("Exact-unique email messages by year", categories,
        List.of(new Svg.Series("messages", Svg.Tone.STRONG, messages))));
    Page.figure(h, Svg.columns("Users and email addresses by year", categories,
        List.of(new Svg.Series("users", Svg.Tone.STRONG, users),
            new Svg.Series("addresses", Svg.Tone.SECOND, addresses))));
    h.close("div");
    List<List<String>> rows = new ArrayList<>();
    for (YearRow y : years) {
      rows.add(List.of(yearLabel(y), Numbers.count(y.messages()), Numbers.count(y.documents()),
          Numbers.count(y.records()), Numbers.count(y.users()), Numbers.count(y.addresses())));
    }
    Page.table(h, "Exposed data by year", List.of(Col.text("Year"), Col.num("Messages"), Col.num("Documents"),
        Col.num("Records"), Col.num("Users"), Col.num("Addresses")), rows);
    suppressionNote(h, k);
  }

  private static String yearLabel(YearRow y) {
    return y.year() == null ? "undated" : Integer.toString(y.year());
  }

  private static void retention(Html h, List<PolicyRow> policies, String leakDate) {
    h.open("ul", "class", "plain");
    policies.forEach(p -> h.el("li", policySentence(p, leakDate)));
    h.close("ul");
    List<List<String>> rows = new ArrayList<>();
    for (PolicyRow p : policies) {
      rows.add(List.of(years(p.years()), Page.orDash(p.cutoff()), Numbers.percent(p.messages()),
          Numbers.percent(p.documents()), Numbers.percent(p.users()), Numbers.percent(p.addresses())));
    }
    Page.table(h, "Share of the exposed data each policy would have removed", List.of(Col.text("Deleting older than"),
        Col.text("Cutoff"), Col.num("Messages"), Col.num("Documents"), Col.num("Users"), Col.num("Addresses")),
        rows);
  }

  /**
   * "A policy deleting data older than 2 years at 2022-06-30 (cutoff 2020-06-30) would have removed 61% of
   * messages, 40% of documents, 55% of users and 58% of addresses."
   */
  static String policySentence(PolicyRow p, String leakDate) {
    String at = leakDate == null ? "at the leak date" : "at " + leakDate;
    String cutoff = p.cutoff() == null ? "" : " (cutoff " + p.cutoff() + ")";
    return "A policy deleting data older than " + years(p.years()) + " " + at + cutoff + " would have removed "
        + Numbers.percent(p.messages()) + " of messages, " + Numbers.percent(p.documents()) + " of documents, "
        + Numbers.percent(p.users()) + " of users and " + Numbers.percent(p.addresses()) + " of addresses.";
  }

  private static String years(int n) {
    return n == 1 ? "1 year" : Numbers.count(n) + " years";
  }
}
