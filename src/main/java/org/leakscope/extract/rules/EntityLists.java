package org.leakscope.extract.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hand-maintained lists in {@code src/main/resources/org/leakscope/extract/}: UTF-8, one entry per line,
 * whole-line {@code #} comments and blank lines ignored, entries trimmed. Each list is read once, into a static final
 * table of the class that uses it.
 */
final class EntityLists {
  static final String FREE_MAIL_DOMAINS = "free-mail-domains.txt";
  static final String COUNTRY_VARIANTS = "country-variants.txt";
  static final String LEGAL_SUFFIXES = "legal-suffixes.txt";

  private static final String DIR = "/org/leakscope/extract/";

  private EntityLists() {}

  static List<String> lines(String name) {
    String path = DIR + name;
    InputStream in = EntityLists.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("resource " + path + " is not on the classpath");
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        String entry = line.strip();
        if (!entry.isEmpty() && entry.charAt(0) != '#') {
          out.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
    return List.copyOf(out);
  }
}
