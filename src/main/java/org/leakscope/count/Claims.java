package org.leakscope.count;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a claims file (docs/claims.md): the published statements about a dump that a run reconciles with what it
 * measured.
 *
 * <pre>{@code
 * List<Claim> claims = Claims.read("s3a://cases/bluebleed/claims.yaml", conf);
 * }</pre>
 *
 * <p>Strict on purpose: a missing, unknown or repeated field, a value of the wrong shape or an unknown metric is a
 * {@link ClaimsException} naming the file, the line and the field, so a typo cannot quietly drop or change a claim.
 * The file is read as a YAML node tree rather than as typed objects, to keep line numbers and the text as written
 * (YAML would turn an unquoted {@code 2022-10-19} into a timestamp). Size, aliases and nesting are bounded, so a
 * hostile file (a billion laughs) fails fast instead of exhausting time or memory.
 */
public final class Claims {
  /** Metrics a claim may name: the counting vocabulary, and records qualified by record set ("records:users"). */
  public static final List<String> METRICS = Vocabulary.METRICS;

  private static final List<String> FIELDS = List.of("claimant", "date", "metric", "claimed", "quote", "source");
  private static final String METRIC_CHOICES = METRICS.stream()
      .flatMap(m -> m.equals("records") ? Stream.of(m, "records:<set>") : Stream.of(m))
      .collect(Collectors.joining(", "));
  private static final Pattern RECORD_SET = Pattern.compile("records:[A-Za-z0-9_.-]+");
  // No sign, no fraction, no thousands separator, no leading zero (YAML 1.1 would read 0123 as octal).
  private static final Pattern WHOLE = Pattern.compile("0|[1-9][0-9]*");
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  // Claims files are written by hand: a few dozen entries. The cap also bounds the time SnakeYAML may take.
  private static final int MAX_CHARS = 1 << 20;

  private Claims() {}

  /** The claims in {@code yaml}; {@code name} (the file name) starts every error message. */
  public static List<Claim> parse(String yaml, String name) {
    if (yaml.length() > MAX_CHARS) {
      throw new ClaimsException(name + ": too large for a claims file (over " + MAX_CHARS + " characters)");
    }
    Node root = compose(yaml, name);
    if (root == null) {
      throw new ClaimsException(name + " line 1: empty file, expected a mapping with a key \"claims\" holding a list");
    }
    if (!(root instanceof MappingNode top)) {
      throw error(name, root, "expected a mapping with one key \"claims\" holding a list, found " + describe(root));
    }
    Node list = null;
    for (NodeTuple t : top.getValue()) {
      String key = key(t, name);
      if (!key.equals("claims")) {
        throw error(name, t.getKeyNode(),
            "unknown key " + describe(t.getKeyNode()) + " (the file holds one key, \"claims\")");
      }
      if (list != null) {
        throw error(name, t.getKeyNode(), "key \"claims\" appears twice");
      }
      list = t.getValueNode();
    }
    if (list == null) {
      throw error(name, top, "missing key \"claims\"");
    }
    if (!(list instanceof SequenceNode entries)) {
      throw error(name, list, "\"claims\" must be a list (claims: [] for none), found " + describe(list));
    }
    List<Claim> claims = new ArrayList<>();
    for (Node entry : entries.getValue()) {
      claims.add(claim(entry, claims.size() + 1, name));
    }
    return List.copyOf(claims);
  }

  /** The claims in the UTF-8 file at {@code uri} ({@code file:}, {@code hdfs:}, {@code s3a:}…). */
  public static List<Claim> read(String uri, Configuration conf) {
    String yaml;
    try {
      Path path = new Path(uri);
      try (Reader reader = new InputStreamReader(path.getFileSystem(conf).open(path), UTF_8.newDecoder())) {
        yaml = readAtMost(reader, MAX_CHARS + 1);
      }
    } catch (CharacterCodingException e) {
      throw new ClaimsException(uri + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read claims file " + uri + ": " + e.getMessage(), e);
    }
    return parse(yaml, uri);
  }

  private static String readAtMost(Reader reader, int chars) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n; text.length() < chars && (n = reader.read(buffer)) > 0; ) {
      text.append(buffer, 0, n);
    }
    return text.toString();
  }

  /** The document's node tree, or null when it holds none; YAML errors become {@link ClaimsException}s. */
  private static Node compose(String yaml, String name) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(10);
    // Duplicate fields are checked in claim(): allowDuplicateKeys only applies when constructing objects. SnakeYAML
    // checks the size only between tokens, after reading a whole comment or scalar, so parse() checks it first.
    options.setCodePointLimit(MAX_CHARS);
    try {
      return new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? name : name + " line " + (mark.getLine() + 1);
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      throw new ClaimsException(where + ": not valid YAML: " + context + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new ClaimsException(name + ": rejected: " + e.getMessage(), e);
    }
  }

  private static Claim claim(Node entry, int n, String name) {
    if (!(entry instanceof MappingNode mapping)) {
      throw error(name, entry, "claim " + n + " must be a mapping of fields, found " + describe(entry));
    }
    Map<String, Node> fields = new HashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      String key = key(t, name);
      if (!FIELDS.contains(key)) {
        throw error(name, t.getKeyNode(), "claim " + n + " has unknown field " + describe(t.getKeyNode())
            + " (one of " + String.join(", ", FIELDS) + ")");
      }
      if (fields.putIfAbsent(key, t.getValueNode()) != null) {
        throw error(name, t.getKeyNode(), "field \"" + key + "\" appears twice in claim " + n);
      }
    }
    for (String field : FIELDS) {
      if (!fields.containsKey(field)) {
        throw error(name, mapping, "claim " + n + " is missing field \"" + field + "\"");
      }
    }
    return new Claim(
        text(fields.get("claimant"), "claimant", name),
        date(fields.get("date"), name),
        metric(fields.get("metric"), name),
        claimed(fields.get("claimed"), name),
        text(fields.get("quote"), "quote", name),
        text(fields.get("source"), "source", name),
        line(mapping));
  }

  /** Non-empty text, trimmed. */
  private static String text(Node node, String field, String name) {
    ScalarNode s = scalar(node, field, name);
    if (isNull(s) || s.getValue().isBlank()) {
      throw error(name, node, "field \"" + field + "\" must be non-empty text, found " + describe(node));
    }
    return s.getValue().trim();
  }

  private static LocalDate date(Node node, String name) {
    ScalarNode s = scalar(node, "date", name);
    try {
      return LocalDate.parse(s.getValue().trim(), ISO_DATE);
    } catch (DateTimeParseException e) {
      throw error(name, node, "field \"date\" must be an ISO date (yyyy-MM-dd), found " + describe(node));
    }
  }

  private static String metric(Node node, String name) {
    String metric = text(node, "metric", name);
    if (METRICS.contains(metric) || RECORD_SET.matcher(metric).matches()) {
      return metric;
    }
    if (metric.startsWith("records:")) {
      throw error(name, node, "field \"metric\": bad record set in " + describe(node)
          + " (records:<set>, the set made of letters, digits, _, - and .)");
    }
    throw error(name, node, "field \"metric\": unknown metric " + describe(node) + " (one of " + METRIC_CHOICES + ")");
  }

  /** A whole number ≥ 0, or null. A quoted number ("1310") is taken as written; "1,310" is not a number. */
  private static Long claimed(Node node, String name) {
    ScalarNode s = scalar(node, "claimed", name);
    if (isNull(s)) {
      return null;
    }
    String value = s.getValue().trim();
    try {
      if (WHOLE.matcher(value).matches()) {
        return Long.parseLong(value);
      }
    } catch (NumberFormatException e) {
      throw error(name, node, "field \"claimed\" is too large, found " + describe(node));
    }
    throw error(name, node, "field \"claimed\" must be a whole number or null, found " + describe(node));
  }

  private static ScalarNode scalar(Node node, String field, String name) {
    if (node instanceof ScalarNode s) {
      return s;
    }
    throw error(name, node, "field \"" + field + "\" must be a single value, found " + describe(node));
  }

  private static String key(NodeTuple t, String name) {
    if (t.getKeyNode() instanceof ScalarNode s && !isNull(s)) {
      return s.getValue();
    }
    throw error(name, t.getKeyNode(), "expected a field name, found " + describe(t.getKeyNode()));
  }

  private static boolean isNull(ScalarNode s) {
    return Tag.NULL.equals(s.getTag());
  }

  /** How a node reads in a message: the value as written (cut short), null, a list or a mapping. */
  private static String describe(Node node) {
    if (node instanceof ScalarNode s) {
      String v = s.getValue();
      return isNull(s) ? "null" : "\"" + (v.length() > 60 ? v.substring(0, 60) + "…" : v) + "\"";
    }
    return node instanceof SequenceNode ? "a list" : "a mapping";
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static ClaimsException error(String name, Node node, String message) {
    return new ClaimsException(name + " line " + line(node) + ": " + message);
  }
}
