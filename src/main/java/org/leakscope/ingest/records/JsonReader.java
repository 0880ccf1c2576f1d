package org.leakscope.ingest.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Hashing;
import org.leakscope.ingest.Item;
import org.leakscope.ingest.LineReader;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.ingest.Units;

/**
 * Streams JSON records with Jackson's parser (Spark's own Jackson), nesting and string sizes bounded by
 * {@link StreamReadConstraints}. A JSON array gives one unit per element; a file of one or more root objects one
 * unit per root value; JSON Lines one unit per non-blank line, where a bad line is quarantined and the next read.
 * Nested fields are flattened to dotted names ({@code address.city}, {@code tags.0}).
 */
public final class JsonReader {
  private final Limits limits;
  private final JsonFactory factory;

  public JsonReader(Limits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxJsonDepth())
                    .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxUnitBytes()))
                    .maxNumberLength(1000)
                    .build())
            .build();
  }

  /** True when the text is exactly one complete JSON value (used to tell JSON Lines from pretty JSON). */
  public static boolean isCompleteJson(String text) {
    try (JsonParser p = new JsonFactory().createParser(text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  public void readLines(InputStream in, String prefix, String recordSet, Units units) throws IOException {
    int maxLine = (int) Math.min(Integer.MAX_VALUE - 16, limits.maxUnitBytes());
    LineReader lines = new LineReader(in, maxLine);
    long n = 0;
    while (lines.next()) {
      n++;
      if (blank(lines)) {
        continue;
      }
      String locator = prefix + "#line=" + n;
      byte[] bytes = java.util.Arrays.copyOf(lines.bytes(), lines.length());
      boolean overlong = lines.overlong();
      units.unit(
          locator,
          overlong ? -1 : bytes.length,
          bytes,
          () -> {
            if (overlong) {
              throw new UnitRejected(Reason.TOO_LARGE, "line longer than maxUnitBytes=" + limits.maxUnitBytes());
            }
            try (JsonParser p = factory.createParser(bytes)) {
              Item item = record(p, lineToken(p), locator, Format.JSONL, recordSet, false);
              if (lineToken(p) != null) {
                throw new UnitRejected(Reason.MALFORMED, "more than one JSON value on the line");
              }
              return item;
            }
          });
    }
  }

  /** Only spaces, tabs and a CR: no record, as an empty line. */
  private static boolean blank(LineReader lines) {
    byte[] b = lines.bytes();
    for (int i = 0; i < lines.length(); i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  public void readDocument(InputStream in, String prefix, String recordSet, Units units) throws IOException {
    try (JsonParser p = factory.createParser(in)) {
      JsonToken first = next(p, prefix);
      if (first == JsonToken.START_ARRAY) {
        long i = 0;
        for (JsonToken t = next(p, prefix); t != JsonToken.END_ARRAY; t = next(p, prefix)) {
          if (t == null) {
            throw new UnitRejected(Reason.MALFORMED, "JSON array not closed", true);
          }
          elementUnit(p, t, prefix + "#record=" + i++, recordSet, units);
        }
        if (next(p, prefix) != null) {
          throw new UnitRejected(Reason.MALFORMED, "content after the JSON array", true);
        }
        return;
      }
      long i = 0;
      for (JsonToken t = first; t != null; t = next(p, prefix)) {
        elementUnit(p, t, prefix + "#record=" + i++, recordSet, units);
      }
    }
  }

  private void elementUnit(JsonParser p, JsonToken t, String locator, String recordSet, Units units) {
    units.unit(locator, -1, null, () -> record(p, t, locator, Format.JSON, recordSet, true));
  }

  /** Reads one value starting at {@code t} into a record item. */
  private Item record(
      JsonParser p, JsonToken t, String locator, Format format, String recordSet, boolean streamShared) {
    LinkedHashMap<String, String> fields = new LinkedHashMap<>();
    try {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        flatten(p, t, "", fields, 0);
      } else if (t != null) {
        fields.put("value", t == JsonToken.VALUE_NULL ? null : p.getText());
      } else {
        throw new UnitRejected(Reason.MALFORMED, "no JSON value");
      }
    } catch (StreamConstraintsException e) {
      throw new UnitRejected(Reason.TOO_DEEP, e.getOriginalMessage(), streamShared);
    } catch (JsonProcessingException e) {
      throw new UnitRejected(Reason.MALFORMED, e.getOriginalMessage(), streamShared);
    } catch (IOException e) {
      throw new UnitRejected(Reason.MALFORMED, e.getMessage(), streamShared);
    }
    StringBuilder canonical = new StringBuilder();
    fields.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
    Item item = new Item(format, locator, bytes.length, Hashing.sha256Hex(bytes, 0, bytes.length));
    item.fields(fields);
    item.recordSet = recordSet;
    return item;
  }

  private void flatten(JsonParser p, JsonToken start, String path, LinkedHashMap<String, String> out, int depth)
      throws IOException {
    if (start == JsonToken.START_OBJECT) {
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        value(p, p.nextToken(), path.isEmpty() ? name : path + "." + name, out, depth);
      }
    } else {
      int i = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        value(p, t, path.isEmpty() ? Integer.toString(i) : path + "." + i, out, depth);
        i++;
      }
    }
  }

  private void value(JsonParser p, JsonToken t, String path, LinkedHashMap<String, String> out, int depth)
      throws IOException {
    if (t == null) {
      throw new UnitRejected(Reason.MALFORMED, "JSON ended inside a value", true);
    }
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      flatten(p, t, path, out, depth + 1);
      return;
    }
    if (out.size() >= limits.maxFields()) {
      throw new UnitRejected(Reason.TOO_LARGE, "record has more than maxFields=" + limits.maxFields(), true);
    }
    out.put(path, t == JsonToken.VALUE_NULL ? null : p.getText());
  }

  /** The next token of a JSON Lines line: a bad line is that unit's problem, the next line is read. */
  private static JsonToken lineToken(JsonParser p) {
    try {
      return p.nextToken();
    } catch (StreamConstraintsException e) {
      throw new UnitRejected(Reason.TOO_DEEP, e.getOriginalMessage());
    } catch (IOException e) {
      throw new UnitRejected(Reason.MALFORMED, "unreadable JSON: " + e.getMessage());
    }
  }

  private static JsonToken next(JsonParser p, String prefix) {
    try {
      return p.nextToken();
    } catch (StreamConstraintsException e) {
      throw new UnitRejected(Reason.TOO_DEEP, e.getOriginalMessage(), true);
    } catch (IOException e) {
      throw new UnitRejected(Reason.MALFORMED, "unreadable JSON: " + e.getMessage(), true);
    }
  }
}
