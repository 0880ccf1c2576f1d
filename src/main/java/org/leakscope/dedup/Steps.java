package org.leakscope.dedup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The named, timed steps of one dedup run: each one's wall time goes to the log and to the result. */
final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  <T> T time(String name, Supplier<T> body) {
    long t = System.nanoTime();
    T result = body.get();
    double s = (System.nanoTime() - t) / 1e9;
    seconds.merge(name, s, Double::sum);
    LOG.info("dedup: {} in {} s", name, String.format(Locale.ROOT, "%.1f", s));
    return result;
  }

  Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }
}
