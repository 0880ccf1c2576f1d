package org.leakscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.cli.Main;
import org.leakscope.testing.SparkTestSession;

/**
 * CSV exports are safe to open in a spreadsheet: no text cell starts with {@code =}, {@code +}, {@code -}, {@code @},
 * tab, CR or LF (OWASP's CSV-injection list), whatever the dump or the claims file planted.
 */
class SpreadsheetSafeExportTest {
  @TempDir Path tmp;

  @Test
  void textThatLooksLikeAFormulaIsGuardedAndNumbersAreLeftAlone() {
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType().add("text", DataTypes.StringType).add("n", DataTypes.LongType)
        .add("share", DataTypes.DoubleType);
    List<Row> rows = List.of(RowFactory.create("=1+2", -3L, -0.5), RowFactory.create("+44 20 7946 0000", 1L, 0.1),
        RowFactory.create("-----Original Message-----", 2L, 0.2), RowFactory.create("@SUM(A1:A9)", 3L, 0.3),
        RowFactory.create("\tindented", 4L, 0.4), RowFactory.create("\rcarriage", 5L, 0.5),
        RowFactory.create("\nnew line", 6L, 0.6), RowFactory.create("plain = text", 7L, 0.7),
        RowFactory.create(null, 8L, 0.8), RowFactory.create("", 9L, 0.9));
    List<Row> safe = CsvExport.spreadsheetSafe(spark.createDataFrame(rows, schema)).collectAsList();
    List<String> texts = safe.stream().map(r -> r.getString(0)).toList();
    assertEquals(java.util.Arrays.asList("'=1+2", "'+44 20 7946 0000", "'-----Original Message-----",
        "'@SUM(A1:A9)", "'\tindented", "'\rcarriage", "'\nnew line", "plain = text", null, ""), texts);
    assertEquals(-3L, safe.get(0).getLong(1), "a negative number stays a number");
    assertEquals(-0.5, safe.get(0).getDouble(2));
  }

  @Test
  void valuesPlantedInADumpAndItsClaimsReachTheExportsGuarded() throws Exception {
    SparkTestSession.get();
    Path dump = tmp.resolve("dump");
    String message = """
        Message-ID: <planted-1@contoso.com>
        Date: Mon, 4 Mar 2019 10:12:00 +0100
        From: "=HYPERLINK(\\"http://evil.example\\")" <ana.ruiz@contoso.com>
        To: Bob Stone <bob.stone@fabrikam.de>
        Subject: =1+2
        Content-Type: text/plain; charset=utf-8

        @channel the quarterly numbers for the Contoso rollout are final; please review the attached plan,
        confirm the budget for the second phase and tell me by Friday whether the migration window still holds.

        Ana Ruiz
        Contoso Ltd
        """;
    for (String copy : List.of("mail/ana.ruiz/sent/1.eml", "mail/bob.stone/inbox/1.eml")) {
      Files.createDirectories(dump.resolve(copy).getParent());
      Files.writeString(dump.resolve(copy), message.replace("\n", "\r\n"));
    }
    Files.createDirectories(dump.resolve("exports"));
    Files.writeString(dump.resolve("exports/users.csv"), """
        user_id,login,display_name,email,company,country
        1,ana.ruiz,"=cmd|' /C calc'!A0",ana.ruiz@contoso.com,Contoso Ltd,ES
        2,bob.stone,"+Stone, Bob",bob.stone@fabrikam.de,Fabrikam GmbH,DE
        3,carl.diaz,-Carl Diaz,carl.diaz@contoso.com,@Contoso Ltd,ES
        """);
    Path claims = tmp.resolve("claims.yaml");
    Files.writeString(claims, """
        claims:
          - claimant: "=Vendor"
            date: 2022-10-19
            metric: email_messages
            claimed: 2
            quote: "-2 emails, +3 users @ risk"
            source: "@blog"
        """);
    Path out = tmp.resolve("out");
    assertEquals(0, Main.execute("run", "--input", dump.toString(), "--output", out.toString(), "--claims",
        claims.toString()));

    List<String> cells = new ArrayList<>();
    List<String> unsafe = new ArrayList<>();
    // Every export: the published ones and those of the restricted zone.
    try (var files = Stream.concat(Files.list(out.resolve("exports")), Files.list(out.resolve("restricted/exports")))) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        for (String[] row : parse(Files.readString(csv, StandardCharsets.UTF_8))) {
          for (String cell : row) {
            if (cell == null) {
              continue;
            }
            cells.add(cell);
            if (!cell.isEmpty() && "=+-@\t\r\n".indexOf(cell.charAt(0)) >= 0 && !isNumber(cell)) {
              unsafe.add(csv.getFileName() + ": " + cell);
            }
          }
        }
      }
    }
    assertEquals(List.of(), unsafe);
    for (String planted : List.of("'=Vendor", "'-2 emails, +3 users @ risk", "'@blog", "'=1+2")) {
      assertTrue(cells.contains(planted), planted + " is exported, guarded");
    }
    assertTrue(cells.stream().anyMatch(c -> c.startsWith("'@channel the quarterly numbers")), "message text guarded");
    assertTrue(cells.stream().anyMatch(c -> c.startsWith("'=HYPERLINK")), "sender guarded");
  }

  private static boolean isNumber(String cell) {
    try {
      Double.parseDouble(cell);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<String[]> parse(String csv) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setMaxCharsPerColumn(-1);
    settings.setMaxColumns(100);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setLineSeparatorDetectionEnabled(false);
    settings.getFormat().setLineSeparator("\n");
    return new CsvParser(settings).parseAll(new StringReader(csv));
  }
}
