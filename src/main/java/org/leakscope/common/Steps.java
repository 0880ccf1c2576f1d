package org.leakscope.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The named, timed steps of one stage run: each one's wall time goes to the log and to the result. */
public final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);
  private final String stage;
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public Steps(String stage) {
    this.stage = stage;
  }

  public <T> T time(String name, Supplier<T> body) {
    long t = System.nanoTime();
    T result = body.get();
    double s = (System.nanoTime() - t) / 1e9;
    seconds.merge(name, s, Double::sum);
    LOG.info("{}: {} in {} s", stage, name, String.format(Locale.ROOT, "%.1f", s));
    return result;
  }

  public Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }
}
