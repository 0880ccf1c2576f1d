package org.leakscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.cli.Main;
import org.leakscope.testing.SampleRun;
import org.leakscope.testing.SparkTestSession;

/** Per-company impact statements on the sample run: its own numbers, its own identifiers, nobody else's. */
class NotifyTest {
  @TempDir Path tmp;

  @Test
  void aStatementHoldsTheCompanysNumbersAndIdentifiersAndNoOtherCompanysIdentifiers() throws Exception {
    SampleRun sample = SampleRun.get();
    SparkSession spark = SparkTestSession.get();
    Row company = spark.read().parquet(sample.run.resolve("tables/company_impact").toString())
        .orderBy(org.apache.spark.sql.functions.col("unique_addresses").desc()).first();
    String id = company.getAs("company_id");
    String domain = ((String) company.getAs("domains")).split(",")[0].strip();
    Path out = tmp.resolve("statement");
    assertEquals(0, Main.execute("notify", "--input", sample.run.toString(), "--company", domain.toUpperCase(Locale.ROOT),
        "--output", out.toString(), "--with-identifiers"));
    JsonNode s = new ObjectMapper().readTree(out.resolve("statement.json").toFile());
    assertEquals(id, s.get("company_id").asText());
    for (String f : List.of("users", "unique_addresses", "messages_raw", "messages_near_unique", "documents_raw")) {
      assertEquals(company.<Long>getAs(f), s.at("/exposed/" + f).asLong(), f);
    }
    assertTrue(s.get("countries_involved").size() >= 1);

    Dataset<Row> addresses = spark.read().parquet(sample.run.resolve("restricted/mentions").toString())
        .where("entity_type = 'email_address' and normalized_value is not null and company_id is not null");
    Set<String> own = new TreeSet<>();
    Set<String> others = new TreeSet<>();
    for (Row r : addresses.select("company_id", "normalized_value").distinct().collectAsList()) {
      (id.equals(r.getString(0)) ? own : others).add(r.getString(1));
    }
    others.removeAll(own);
    List<String> listed = new ArrayList<>();
    s.at("/identifiers/email_addresses").forEach(a -> listed.add(a.asText()));
    assertEquals(new ArrayList<>(own), listed, "every address of the company, and only those");
    assertEquals(company.<Long>getAs("unique_addresses"), (long) listed.size());
    String files = Files.readString(out.resolve("statement.json")) + Files.readString(out.resolve("statement.html"));
    List<String> leaked = others.stream().filter(files::contains).toList();
    assertEquals(List.of(), leaked, "another company's addresses in the statement");
    assertTrue(Files.readString(out.resolve("statement.html")).contains(listed.get(0)));
  }

  @Test
  void allWritesOneFolderPerCompanyAndWithoutIdentifiersListsNone() throws Exception {
    SampleRun sample = SampleRun.get();
    Path out = tmp.resolve("all");
    assertEquals(0, Main.execute("notify", "--input", sample.run.toString(), "--all", "--output", out.toString()));
    long companies = SparkTestSession.get().read().parquet(sample.run.resolve("tables/company_impact").toString())
        .count();
    try (Stream<Path> dirs = Files.list(out)) {
      List<Path> folders = dirs.toList();
      assertEquals(companies, folders.size());
      for (Path f : folders) {
        JsonNode s = new ObjectMapper().readTree(f.resolve("statement.json").toFile());
        assertEquals(f.getFileName().toString(), s.get("company_id").asText());
        assertFalse(s.has("identifiers"));
        assertFalse(Files.readString(f.resolve("statement.html")).contains("Affected identifiers"));
      }
    }
    assertNotEquals(0, Main.execute("notify", "--input", sample.run.toString(), "--company", "no-such.example",
        "--output", tmp.resolve("none").toString()));
  }
}
