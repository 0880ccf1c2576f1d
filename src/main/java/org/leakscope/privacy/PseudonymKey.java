package org.leakscope.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.leakscope.io.OutputLayout;

/**
 * The pseudonymization key, from (first found): the {@code --key-file} option; the {@value #ENV} environment
 * variable (the key itself); the key an earlier run generated in the restricted zone; or a new random key written
 * there. A key is 32 bytes or more written as hex or Base64 (at least {@value #MIN_BYTES} bytes).
 *
 * @param bytes  the key
 * @param source where it came from, for the console (never the key itself)
 */
public record PseudonymKey(byte[] bytes, String source) {
  public static final String ENV = "LEAKSCOPE_PSEUDONYM_KEY";
  public static final int MIN_BYTES = 16;
  private static final int GENERATED_BYTES = 32;

  public static PseudonymKey resolve(String keyFile, Map<String, String> env, OutputLayout out, Configuration conf) {
    try {
      if (keyFile != null && !keyFile.isBlank()) {
        return new PseudonymKey(parse(read(new Path(keyFile), conf), "--key-file " + keyFile), "--key-file " + keyFile);
      }
      String fromEnv = env.get(ENV);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return new PseudonymKey(parse(fromEnv, "$" + ENV), "$" + ENV);
      }
      Path generated = new Path(out.generatedKey());
      FileSystem fs = generated.getFileSystem(conf);
      if (fs.exists(generated)) {
        return new PseudonymKey(parse(read(generated, conf), generated.toString()), generated.toString());
      }
      byte[] key = new byte[GENERATED_BYTES];
      new SecureRandom().nextBytes(key);
      try (FSDataOutputStream o = fs.create(generated, false)) {
        o.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      try {
        fs.setPermission(generated, new FsPermission((short) 0600));
      } catch (IOException | UnsupportedOperationException e) {
        // object stores have no permissions: the zone's own access control protects it
      }
      return new PseudonymKey(key, "generated " + generated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the pseudonymization key: " + e.getMessage(), e);
    }
  }

  public boolean generated() {
    return source.startsWith("generated ");
  }

  public Tokens tokens() {
    return new Tokens(bytes);
  }

  /** Hex (64 digits for 32 bytes) or Base64; the error names where the bad key came from, never its content. */
  static byte[] parse(String text, String where) {
    String s = text.strip();
    byte[] key;
    if (s.matches("(?i)[0-9a-f]+") && s.length() % 2 == 0) {
      key = HexFormat.of().parseHex(s);
    } else {
      try {
        key = Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the pseudonymization key in " + where + " is neither hex nor Base64");
      }
    }
    if (key.length < MIN_BYTES) {
      throw new IllegalArgumentException("the pseudonymization key in " + where + " has " + key.length
          + " bytes; at least " + MIN_BYTES + " are needed (32 recommended)");
    }
    return key;
  }

  private static String read(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new IllegalArgumentException("no pseudonymization key file at " + path);
    }
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.US_ASCII);
    }
  }

  @Override
  public String toString() {
    return "PseudonymKey[" + source + "]";
  }
}
