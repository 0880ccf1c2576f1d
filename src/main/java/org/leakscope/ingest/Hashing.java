package org.leakscope.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for content hashes and stable ids. */
public final class Hashing {
  private static final HexFormat HEX = HexFormat.of();
  /** A digest per thread for the one-shot helpers below (a provider lookup per call cost more than the hash). */
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hashing::sha256);

  private Hashing() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  public static String sha256Hex(byte[] bytes, int off, int len) {
    MessageDigest md = DIGEST.get();
    md.update(bytes, off, len);
    return HEX.formatHex(md.digest());
  }

  /**
   * A unit's stable id: the first 128 bits of SHA-256 over its path relative to the input root and its locator. It
   * depends on where the unit is in the dump, never on partitioning or on where the dump is mounted, so the same
   * dump read from a laptop or from S3 gets the same ids.
   */
  public static String unitId(String sourcePath, String locator) {
    MessageDigest md = DIGEST.get();
    md.update(sourcePath.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(locator.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(md.digest(), 0, 16);
  }

  public static String hex(byte[] bytes, int off, int len) {
    return HEX.formatHex(bytes, off, off + len);
  }
}
