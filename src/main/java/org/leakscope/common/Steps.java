package org.leakscope.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
    record(name, (System.nanoTime() - t) / 1e9, "");
    return result;
  }

  /**
   * Runs independent steps at once ({@link Concurrently}), each timed on its own, and records them in the given
   * order whatever order they finish in. Their times overlap, so they add up to more than the wall time.
   */
  public void timeConcurrently(Map<String, Runnable> named) {
    List<String> names = new ArrayList<>(named.keySet());
    double[] took = new double[names.size()];
    List<Runnable> runs = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      int step = i;
      Runnable body = named.get(names.get(i));
      runs.add(() -> {
        long t = System.nanoTime();
        body.run();
        took[step] = (System.nanoTime() - t) / 1e9;
      });
    }
    Concurrently.run(runs);
    for (int i = 0; i < names.size(); i++) {
      record(names.get(i), took[i], " (at once with the others of " + names + ")");
    }
  }

  private void record(String name, double s, String note) {
    seconds.merge(name, s, Double::sum);
    LOG.info("{}: {} in {} s{}", stage, name, String.format(Locale.ROOT, "%.1f", s), note);
  }

  public Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }
}
