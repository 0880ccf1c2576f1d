package org.leakscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code report/summary.json}: read, updated part by part by each stage, and written back whole. Parts a stage does
 * not own are kept, so running stages one by one fills the same contract as {@code run}.
 */
public final class Summary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Summary() {}

  public static ObjectMapper json() {
    return JSON;
  }

  /** The current summary, or an empty object when there is none yet. */
  public static ObjectNode read(String uri, Configuration conf) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return JSON.createObjectNode();
      }
      try (InputStream in = fs.open(path)) {
        JsonNode node = JSON.readTree(in);
        return node instanceof ObjectNode o ? o : JSON.createObjectNode();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  public static void write(String uri, ObjectNode summary, Configuration conf) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream out = fs.create(path, true)) {
        JSON.writeValue(out, summary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The leakscope version from the build. */
  public static String version() {
    try (InputStream in = Summary.class.getResourceAsStream("/leakscope-version.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
