package org.leakscope.privacy;

import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms: HMAC-SHA-256 of a value under the run's key, the first 128 bits in hex. The same value gives
 * the same token under the same key (so BI users can count and join), and without the key a token cannot be
 * confirmed against a guessed value (unlike a plain hash, which anyone can compute for a list of addresses).
 *
 * <p>The Spark columns use a UDF on purpose: built from Spark's {@code sha2}, an HMAC would put the key into the
 * query plan, which the Spark UI and event logs print.
 */
public final class Tokens implements Serializable {
  /** Prefix of a value token. */
  public static final String VALUE = "tk-";
  /** Prefix of a pseudonymized user id. */
  public static final String USER = "us-";

  private static final String ALGORITHM = "HmacSHA256";

  /** Slots of each thread's cache of recent tokens (a power of two). */
  private static final int CACHE_SLOTS = 1 << 14;

  private final byte[] key;
  private transient ThreadLocal<PerThread> perThread;

  public Tokens(byte[] key) {
    if (key.length < PseudonymKey.MIN_BYTES) {
      throw new IllegalArgumentException(
          "a pseudonymization key needs at least " + PseudonymKey.MIN_BYTES + " bytes, got " + key.length);
    }
    this.key = key.clone();
  }

  /** The token of a (normalized) value; null stays null. */
  public String token(String value) {
    return value == null ? null : perThread().tokens.get(value, v -> VALUE + hmacHex(v, 16));
  }

  /** The pseudonym of a user id ({@code us-} and 16 hex digits, the shape of the clear id). */
  public String userId(String userId) {
    return userId == null ? null : perThread().userIds.get(userId, v -> USER + hmacHex("user_id\u0000" + v, 8));
  }

  /** {@link #token} as a column function. */
  public Column token(Column value) {
    return tokenUdf().apply(value);
  }

  /** {@link #token} applied to each element of an array column. */
  public Column tokenEach(Column values) {
    UserDefinedFunction f = tokenUdf();
    return transform(values, v -> f.apply(v));
  }

  /** {@link #userId} as a column function. */
  public Column userId(Column userId) {
    Tokens self = this;
    return udf((UDF1<String, String>) self::userId, DataTypes.StringType).apply(userId);
  }

  private UserDefinedFunction tokenUdf() {
    Tokens self = this;
    return udf((UDF1<String, String>) self::token, DataTypes.StringType);
  }

  private String hmacHex(String value, int bytes) {
    byte[] h = perThread().mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, bytes);
  }

  private PerThread perThread() {
    ThreadLocal<PerThread> local = perThread;
    if (local == null) {
      synchronized (this) {
        if (perThread == null) {
          perThread = ThreadLocal.withInitial(() -> new PerThread(newMac()));
        }
        local = perThread;
      }
    }
    return local.get();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(new SecretKeySpec(key, ALGORITHM));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM: " + e.getMessage(), e);
    }
  }

  /**
   * A thread's MAC and its recent tokens. Values repeat heavily (the same addresses and names in every stored copy
   * of every message), so each kind of pseudonym keeps the last value seen in each of a fixed number of slots: a
   * repeat costs a hash and a comparison instead of an HMAC. The cache never changes a result, only skips recomputing
   * it.
   */
  private record PerThread(Mac mac, Recent tokens, Recent userIds) {
    PerThread(Mac mac) {
      this(mac, new Recent(), new Recent());
    }
  }

  /** A direct-mapped cache: one value and its pseudonym per slot, the slot chosen by the value's hash. */
  static final class Recent {
    private final String[] values = new String[CACHE_SLOTS];
    private final String[] results = new String[CACHE_SLOTS];

    String get(String value, UnaryOperator<String> compute) {
      int h = value.hashCode();
      int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
      if (value.equals(values[slot])) {
        return results[slot];
      }
      String result = compute.apply(value);
      values[slot] = value;
      results[slot] = result;
      return result;
    }
  }
}
