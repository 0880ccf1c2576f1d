package org.leakscope.ingest.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.leakscope.ingest.CsvDialect;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Hashing;
import org.leakscope.ingest.Item;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.TextDecoding;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.ingest.Units;

/**
 * Streams a delimited export with Commons CSV: the first record is the header, every later record one unit whose
 * fields are kept by column name. A row with another number of fields than the header is quarantined
 * {@code malformed}, never truncated or padded. A record that grows past {@link Limits#maxUnitBytes()} (an
 * unbalanced quote swallowing the rest of the file) stops the reader; what is left becomes one quarantined unit.
 */
public final class CsvReader {
  private final Limits limits;

  public CsvReader(Limits limits) {
    this.limits = limits;
  }

  public void read(
      InputStream in, byte[] head, int headLen, String name, String prefix, String recordSet, Units units)
      throws IOException {
    TextDecoding.Choice charset = TextDecoding.choose(head, headLen);
    String sample = new String(head, charset.bomLength(), headLen - charset.bomLength(), charset.charset());
    String ext = org.leakscope.ingest.Sniffer.extension(name);
    Character preferred = null;
    if (ext.equals("tsv") || ext.equals("tab")) {
      preferred = '\t';
    } else if (ext.equals("psv")) {
      preferred = '|';
    }
    char delimiter = CsvDialect.sniff(sample, preferred).delimiter();
    in.skipNBytes(charset.bomLength());
    BudgetReader reader =
        new BudgetReader(
            new InputStreamReader(
                in,
                charset
                    .charset()
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            limits.maxUnitBytes());
    CSVFormat format =
        CSVFormat.RFC4180.builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Iterator<CSVRecord> records = parser.iterator();
      List<String> header = null;
      long line = 1;
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw stopped(prefix, line, e);
        }
        reader.startRecord();
        if (header == null) {
          header = Columns.names(record.values(), limits.maxFields());
          line = parser.getCurrentLineNumber() + 1;
          continue;
        }
        String locator = prefix + "#line=" + line;
        line = parser.getCurrentLineNumber() + 1;
        final List<String> columns = header;
        units.unit(locator, -1, null, () -> row(record, columns, locator, delimiter, recordSet, charset));
      }
    }
  }

  private static UnitRejected stopped(String prefix, long line, Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    // The budget's rejection arrives wrapped twice: in the reader's IOException, then in Commons CSV's unchecked one.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnitRejected r) {
        return new UnitRejected(r.reason(), r.getMessage() + " (from line " + line + ")", true);
      }
    }
    return new UnitRejected(
        Reason.MALFORMED, "unreadable from line " + line + ": " + cause.getMessage(), true);
  }

  private Item row(
      CSVRecord record,
      List<String> header,
      String locator,
      char delimiter,
      String recordSet,
      TextDecoding.Choice charset) {
    String[] values = record.values();
    String raw = String.join(String.valueOf(delimiter), values);
    byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (values.length != header.size()) {
      throw new UnitRejected(
          Reason.MALFORMED, "expected " + header.size() + " fields, found " + values.length);
    }
    Item item = new Item(Format.CSV, locator, bytes.length, Hashing.sha256Hex(bytes, 0, bytes.length));
    LinkedHashMap<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      fields.put(header.get(i), values[i]);
    }
    item.fields(fields);
    item.recordSet = recordSet;
    item.warn(charset.warning());
    if (raw.indexOf('\uFFFD') >= 0) {
      item.warn(TextDecoding.WARN_REPLACED);
    }
    return item;
  }

  /** Counts characters since the current record began and stops a record that outgrows the unit limit. */
  private static final class BudgetReader extends Reader {
    private final Reader in;
    private final long budget;
    private long sinceRecord;

    BudgetReader(Reader in, long budget) {
      this.in = in;
      this.budget = budget;
    }

    void startRecord() {
      sinceRecord = 0;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      int n = in.read(cbuf, off, len);
      if (n > 0) {
        sinceRecord += n;
        // Commons CSV reads ahead by one buffer, hence the slack.
        if (sinceRecord > budget + 64 * 1024) {
          throw new IOException(
              new UnitRejected(Reason.TOO_LARGE, "record larger than maxUnitBytes=" + budget, true));
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
