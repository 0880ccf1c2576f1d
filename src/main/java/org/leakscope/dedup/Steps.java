package org.leakscope.dedup;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named, timed steps of the dedup stage: each one's wall time goes to the log. */
final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

  private Steps() {}

  static <T> T time(String name, Supplier<T> body) {
    long t = System.nanoTime();
    T result = body.get();
    LOG.info("dedup: {} in {} s", name, String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t) / 1e9));
    return result;
  }
}
