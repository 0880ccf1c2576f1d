package org.leakscope.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the HTML report shows: the run's {@code summary.json} and the few rows of the impact and retention tables it
 * charts (read from the written tables; each list is bounded: top companies and countries, one row per year).
 *
 * @param summary      summary.json as written by the count stage (metrics, estimates, claims, ingest, stages …)
 * @param topCompanies the companies with the most unique addresses, most first (at most {@link #TOP})
 * @param topCountries the countries with the most users, most first (at most {@link #TOP})
 * @param years        exposed data by year of the item date, oldest first; {@code year} null for undated items
 * @param policies     for each retention period asked for, what a deletion policy would have removed
 * @param suppressBelow counts below it are hidden (null in the rows above; see {@code privacy.Suppression})
 */
public record ReportData(
    ObjectNode summary,
    List<CompanyRow> topCompanies,
    List<CountryRow> topCountries,
    List<YearRow> years,
    List<PolicyRow> policies,
    int suppressBelow) {
  public static final int TOP = 20;

  public ReportData {
    topCompanies = List.copyOf(topCompanies);
    topCountries = List.copyOf(topCountries);
    years = List.copyOf(years);
    policies = List.copyOf(policies);
  }

  /** One row of {@code company_impact}; dates are ISO {@code yyyy-MM-dd} or null; a null count is hidden. */
  public record CompanyRow(
      String companyId,
      String name,
      String country,
      Long addresses,
      Long users,
      Long messagesRaw,
      Long messagesExactUnique,
      Long messagesNearUnique,
      Long documentsExactUnique,
      Long documentsNearUnique,
      String firstDate,
      String lastDate) {}

  /** One row of {@code country_impact}: ISO 3166-1 alpha-2 code and English name. */
  public record CountryRow(String country, String name, Long companies, Long users, Long addresses) {}

  /**
   * Exposed data whose (newest) item date falls in {@code year}: exact-unique messages, documents and records,
   * resolved users and normalized addresses. {@code year} is null for data without any date.
   */
  public record YearRow(Integer year, Long messages, Long documents, Long records, Long users, Long addresses) {}

  /**
   * A policy deleting data older than {@code years} years at the leak date ({@code cutoff}, ISO date): the share of
   * the exposed messages, documents, users and addresses it would have removed (0.0 to 1.0).
   */
  public record PolicyRow(
      int years, String cutoff, Double messages, Double documents, Double users, Double addresses) {}
}
