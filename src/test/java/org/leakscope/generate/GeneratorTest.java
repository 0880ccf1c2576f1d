package org.leakscope.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.ingest.Hashing;
import org.leakscope.ingest.IngestConfig;
import org.leakscope.ingest.IngestJob;
import org.leakscope.ingest.IngestResult;
import org.leakscope.ingest.Limits;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.FileTrees;
import org.leakscope.testing.JsonCounts;
import org.leakscope.testing.SparkTestSession;

/** The generator against itself (determinism), against an independent count of its files, and through ingest. */
class GeneratorTest {
  private static final double SCALE = 0.05;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MBOX_SEPARATOR = Pattern.compile("^From \\S+@\\S+ .*\\d{2}:\\d{2}:\\d{2} \\d{4}$");

  @TempDir static Path tmp;
  static Path one;
  static JsonNode truth;

  @BeforeAll
  static void generate() throws IOException {
    one = tmp.resolve("one");
    new Generator(new GenerateConfig("bluebleed", SCALE, 7, one.toString(), 2)).run();
    truth = JSON.readTree(one.resolve("ground-truth.json").toFile());
  }

  @Test
  void sameSeedGivesTheSameBytesWhateverTheThreadCount() throws IOException {
    Path two = tmp.resolve("two");
    new Generator(new GenerateConfig("bluebleed", SCALE, 7, two.toString(), 1)).run();
    assertEquals(FileTrees.sha256(one), FileTrees.sha256(two));
  }

  @Test
  void anotherSeedGivesAnotherDump() throws IOException {
    Path other = tmp.resolve("other");
    new Generator(new GenerateConfig("bluebleed", SCALE, 8, other.toString(), 2)).run();
    assertNotEquals(FileTrees.sha256(one.resolve("dump")), FileTrees.sha256(other.resolve("dump")));
  }

  @Test
  void theGroundTruthAgreesWithAnIndependentCountOfTheFiles() throws IOException {
    long files = 0;
    long bytes = 0;
    long messageFiles = 0;
    long mboxMessages = 0;
    long userRows = 0;
    long contactLines = 0;
    long documentFiles = 0;
    long zippedDocuments = 0;
    Map<String, Long> byFolder = new TreeMap<>();
    Path dump = one.resolve("dump");
    try (Stream<Path> walk = Files.walk(dump)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files++;
        bytes += Files.size(p);
        String rel = dump.relativize(p).toString();
        if (rel.startsWith("archives/mail-")) {
          messageFiles += zipEntries(Files.readAllBytes(p), "mail/", byFolder);
          continue;
        }
        if (rel.startsWith("archives/docs-")) {
          zippedDocuments += zipEntries(Files.readAllBytes(p), "docs/", new TreeMap<>());
          continue;
        }
        if (rel.startsWith("docs/")) {
          documentFiles++;
        }
        if (rel.endsWith("users.csv")) {
          // Every line but the header is one row: no quoted field in these exports spans lines.
          userRows += Files.readAllLines(p, StandardCharsets.UTF_8).size() - 1;
        } else if (rel.endsWith("contacts.jsonl")) {
          contactLines += Files.readAllLines(p, StandardCharsets.UTF_8).size();
        }
        if (!rel.startsWith("mail/")) {
          continue;
        }
        if (rel.endsWith(".mbox")) {
          String folder = p.getFileName().toString().replaceAll("-\\d+\\.mbox$", "");
          for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (MBOX_SEPARATOR.matcher(line).matches()) {
              mboxMessages++;
              byFolder.merge(folder, 1L, Long::sum);
            }
          }
        } else {
          messageFiles++;
          byFolder.merge(p.getParent().getFileName().toString(), 1L, Long::sum);
        }
      }
    }
    assertEquals(truth.get("files").asLong(), files, "files");
    assertEquals(truth.get("bytes").asLong(), bytes, "bytes");
    assertEquals(truth.at("/metrics/email_messages/raw").asLong(), messageFiles + mboxMessages, "stored copies");
    assertTrue(mboxMessages > 0 && messageFiles > 0, "both mbox files and message files");
    assertEquals(JsonCounts.of(truth.get("stored_copies_by_folder")), byFolder, "stored copies per folder");
    assertTrue(zippedDocuments > 0, "some documents come zipped");
    assertEquals(truth.at("/metrics/documents/raw").asLong(), documentFiles + zippedDocuments, "documents");
    assertEquals(truth.at("/metrics/records:users/raw").asLong(), userRows, "user rows");
    assertEquals(truth.at("/metrics/records:contacts/raw").asLong(), contactLines, "contact records");
    assertEquals(userRows + contactLines, truth.at("/metrics/records/raw").asLong());
    assertTrue(truth.at("/metrics/records/exact_unique").asLong() < userRows + contactLines, "some rows twice");
    long messages = truth.at("/metrics/email_messages/exact_unique").asLong();
    assertEquals(Math.round(SCALE * Generator.MESSAGES_PER_SCALE), messages);
    assertTrue(truth.at("/threads/forwards").asLong() > 0 && truth.at("/threads/replies").asLong() > 0);
    assertEquals(messages - truth.at("/threads/forwards").asLong(), truth.at("/metrics/email_messages/near_unique")
        .asLong());
  }

  @Test
  void atScaleOneTheWorldSpansAtLeastAHundredCountries() {
    World world = new World(1, 300); // the companies of --scale 1
    java.util.Set<String> countries = new java.util.HashSet<>();
    for (int c = 0; c < world.companies(); c++) {
      countries.add(world.company(c).country());
    }
    assertTrue(countries.size() >= 100, "countries at scale 1: " + countries.size());
  }

  @Test
  void firstNamesDifferInAsciiSoLoginsAndAddressesAreUnique() {
    java.util.Set<String> ascii = new java.util.HashSet<>();
    for (String first : Words.FIRST) {
      assertTrue(ascii.add(World.ascii(first)), first + " has the ASCII form of another first name");
    }
  }

  @Test
  void theTrueEntityCountsAgreeWithTheExports() throws IOException {
    java.util.Set<String> addresses = new java.util.HashSet<>();
    java.util.Set<String> workDomains = new java.util.HashSet<>();
    java.util.Set<String> countries = new java.util.HashSet<>();
    java.util.Set<String> userCountries = new java.util.HashSet<>();
    long rows = 0;
    long phones = 0;
    java.util.Set<String> loginCells = new java.util.HashSet<>();
    java.util.Set<String> companyCells = new java.util.HashSet<>();
    long companyMentions = 0;
    long impliedOnly = 0;
    try (Stream<Path> walk = Files.walk(one.resolve("dump/exports"))) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (p.getFileName().toString().equals("users.csv")) {
          try (var parser = org.apache.commons.csv.CSVParser.parse(p, StandardCharsets.UTF_8,
              org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (var record : parser) {
              rows++;
              loginCells.add(record.get("login"));
              companyCells.add(record.get("company"));
              companyMentions++;
              userCountries.add(countryCode(record.get("country")));
              String address = record.get("email").strip().toLowerCase(java.util.Locale.ROOT);
              addresses.add(address);
              workDomains.add(address.substring(address.indexOf('@') + 1));
            }
          }
        } else {
          for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            JsonNode contact = JSON.readTree(line);
            contact.get("emails").forEach(a -> addresses.add(a.asText().toLowerCase(java.util.Locale.ROOT)));
            companyCells.add(contact.at("/company/name").asText());
            companyMentions++;
            if (contact.at("/company/country").isTextual()) {
              countries.add(contact.at("/company/country").asText());
            }
            if (contact.has("phone")) {
              phones++;
              var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
              String written = contact.get("phone").asText();
              String region = contact.at("/company/country").isTextual() ? contact.at("/company/country").asText()
                  : null;
              try {
                var number = util.parse(written, region == null ? "ZZ" : region);
                assertTrue(region == null || region.equals(util.getRegionCodeForNumber(number))
                    || util.isValidNumberForRegion(number, region), written + " in " + region);
                if (region == null) {
                  impliedOnly++;
                }
              } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // A national number without a stated country cannot be placed: only international forms can.
                assertTrue(region == null && !written.startsWith("+"), written + ": " + e.getMessage());
              }
            }
          }
        }
      }
    }
    assertEquals(truth.at("/metrics/records:users/raw").asLong(), rows);
    assertEquals(truth.at("/metrics/users/raw").asLong(), rows, "one login cell per users.csv row");
    assertEquals(truth.at("/metrics/users/distinct_raw").asLong(), loginCells.size(), "login cells as written");
    assertTrue(truth.at("/metrics/users/distinct_normalized").asLong() <= truth.at("/metrics/users/resolved").asLong());
    // Company names are also in the signature of every stored copy of an original or a reply (mail, not exports).
    assertTrue(truth.at("/metrics/companies/raw").asLong() > companyMentions, "company cells, objects, signatures");
    assertTrue(truth.at("/metrics/companies/distinct_raw").asLong() >= companyCells.size(), "names as written");
    assertEquals(truth.at("/metrics/email_addresses/distinct_normalized").asLong(), addresses.size());
    assertTrue(addresses.stream().anyMatch(a -> a.endsWith("@gmail.com") || a.endsWith("@outlook.com")
        || a.endsWith("@yahoo.com") || a.endsWith("@gmx.de") || a.endsWith("@web.de")
        || a.endsWith("@hotmail.co.uk") || a.endsWith("@yandex.ru") || a.endsWith("@qq.com")
        || a.endsWith("@proton.me") || a.endsWith("@icloud.com")), "some personal free-mail addresses");
    assertEquals(truth.at("/metrics/companies/resolved").asLong(), workDomains.size(), "one work domain each");
    assertTrue(truth.at("/metrics/companies/resolved").asLong() > truth.at("/world/companies").asLong(),
        "some subsidiaries with staff of their own");
    assertEquals(truth.at("/metrics/users/resolved").asLong(), rowsPerPerson(), "people");
    assertTrue(countries.size() <= truth.at("/metrics/countries/distinct_normalized").asLong());
    assertEquals(truth.at("/metrics/countries/distinct_normalized").asLong(), userCountries.size(),
        "countries of users.csv, however written: " + userCountries);
    assertTrue(countries.size() > 10, "many countries: " + countries.size());
    assertTrue(phones > 50, "contacts with phone numbers: " + phones);
    assertTrue(impliedOnly > 0, "contacts whose country only their international phone number implies");
  }

  /** Alpha-2 code of a country however users.csv writes it, by the JDK's own tables (not leakscope's rules). */
  private static String countryCode(String written) {
    String w = written.strip();
    for (String code : java.util.Locale.getISOCountries()) {
      java.util.Locale c = new java.util.Locale("", code);
      if (w.equalsIgnoreCase(code) || w.equals(c.getISO3Country())
          || w.equals(c.getDisplayCountry(java.util.Locale.ENGLISH))) {
        return code;
      }
      for (java.util.Locale l : java.util.Locale.getAvailableLocales()) {
        java.util.Locale language = java.util.Locale.forLanguageTag(l.getLanguage());
        if (code.equals(l.getCountry()) && w.equals(c.getDisplayCountry(language))) {
          return code;
        }
      }
    }
    return switch (w) {
      case "UK" -> "GB";
      case "USA" -> "US";
      case "Deutschland" -> "DE";
      case "Holland" -> "NL";
      default -> throw new AssertionError("not a country form: " + written);
    };
  }

  /** Distinct user ids in users.csv: one per member of staff. */
  private static long rowsPerPerson() throws IOException {
    java.util.Set<String> ids = new java.util.HashSet<>();
    try (Stream<Path> walk = Files.walk(one.resolve("dump/exports"))) {
      for (Path p : walk.filter(f -> f.getFileName().toString().equals("users.csv")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8).subList(1,
            Files.readAllLines(p, StandardCharsets.UTF_8).size())) {
          ids.add(line.substring(0, line.indexOf(',')));
        }
      }
    }
    return ids.size();
  }

  @Test
  void ingestAccountsForEveryUnitAsTheGroundTruthSays() throws IOException {
    SparkSession spark = SparkTestSession.get();
    Path out = tmp.resolve("ingested");
    IngestResult r =
        new IngestJob(
                spark,
                new IngestConfig(one.resolve("dump").toString(), out.toString(), Limits.defaults(),
                    IngestConfig.DEFAULT_TASK_BYTES))
            .run();
    assertEquals(truth.get("files").asLong(), r.files());
    assertEquals(truth.get("units").asLong(), r.units());
    assertEquals(truth.get("items").asLong(), r.items());
    assertEquals(truth.get("quarantined").asLong(), r.quarantined());
    assertEquals(JsonCounts.of(truth.get("quarantine_by_reason")), r.quarantineByReason());
    assertEquals(JsonCounts.of(truth.get("items_by_kind")), r.itemsByKind());

    // Every cluster member the generator names is an item ingest wrote, under the same locator.
    List<String> memberIds = new ArrayList<>();
    for (String line : Files.readAllLines(one.resolve("ground-truth-clusters.jsonl"))) {
      for (JsonNode m : JSON.readTree(line).get("members")) {
        memberIds.add(Hashing.unitId(m.get("source_path").asText(), m.get("locator").asText()));
      }
    }
    assertEquals(truth.at("/near_duplicate_clusters/count").asLong(),
        Files.readAllLines(one.resolve("ground-truth-clusters.jsonl")).size());
    Dataset<Row> items = spark.read().parquet(new OutputLayout(out.toString()).restricted(OutputLayout.ITEMS));
    Dataset<Row> members = spark.createDataset(memberIds, org.apache.spark.sql.Encoders.STRING()).toDF("item_id");
    assertTrue(memberIds.size() > 10, "clusters have members: " + memberIds.size());
    assertEquals(0, members.join(items, "item_id").count() - memberIds.size(), "members found among items");
    // Exact duplicate records are rows with the same fields in the same record set.
    Dataset<Row> records = items.filter("kind = 'record'");
    assertEquals(truth.at("/metrics/records/exact_unique").asLong(),
        records.select(records.col("record_set"), org.apache.spark.sql.functions.to_json(
            org.apache.spark.sql.functions.map_entries(records.col("fields")))).distinct().count());
    assertEquals(truth.at("/metrics/records:users/raw").asLong(), records.filter("record_set = 'users'").count());
    // Documents: copies of a version are byte-identical files; each version is one distinct file content.
    Dataset<Row> docs = items.filter("kind = 'document'");
    assertEquals(truth.at("/metrics/documents/raw").asLong(), docs.count());
    assertEquals(truth.at("/metrics/documents/exact_unique").asLong(),
        docs.select("content_sha256").distinct().count());
    assertEquals(4, docs.select("format").distinct().count(), "text, HTML, PDF and DOCX documents");
    assertEquals(0, docs.filter("text is null or length(text) < 200").count(), "every document's text extracted");
    // The copies of one message parse to the same text: as many distinct texts as logical messages.
    Dataset<Row> mail = items.filter("kind = 'email'");
    assertEquals(truth.at("/metrics/email_messages/exact_unique").asLong(),
        mail.select(org.apache.spark.sql.functions.sha2(mail.col("text"), 256), mail.col("mail_subject"),
            mail.col("mail_date"), mail.col("mail_from")).distinct().count());
  }

  /** Entries under {@code prefix} in a zip, counting those of zips inside it too. */
  private static long zipEntries(byte[] zip, String prefix, Map<String, Long> byFolder) throws IOException {
    long n = 0;
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().endsWith(".zip")) {
          n += zipEntries(in.readAllBytes(), prefix, byFolder);
        } else if (e.getName().startsWith(prefix)) {
          n++;
          String[] parts = e.getName().split("/");
          byFolder.merge(parts[parts.length - 2], 1L, Long::sum);
        }
      }
    }
    return n;
  }

}
