package org.leakscope.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent Spark actions from driver threads of their own, so that one action's planning and small jobs
 * overlap another's tasks (a stage of many small tables is mostly driver latency, not executor work). Spark's
 * scheduler takes jobs from several threads; the threads are made here, so they inherit the caller's job group and
 * active session. Each action must write its own output: the results do not depend on the order they finish in.
 */
public final class Concurrently {
  private Concurrently() {}

  /** Runs every action and returns when all have finished; the first failure (in the given order) is rethrown. */
  public static void run(List<Runnable> actions) {
    List<Supplier<Void>> suppliers = new ArrayList<>(actions.size());
    for (Runnable a : actions) {
      suppliers.add(() -> {
        a.run();
        return null;
      });
    }
    all(suppliers);
  }

  /**
   * Runs every action and returns their results in the given order once all have finished; the first failure (in
   * the given order) is rethrown.
   */
  public static <T> List<T> all(List<Supplier<T>> actions) {
    ExecutorService pool = Executors.newFixedThreadPool(actions.size());
    try {
      List<Future<T>> running = new ArrayList<>(actions.size());
      for (Supplier<T> a : actions) {
        running.add(pool.submit(a::get));
      }
      List<T> results = new ArrayList<>(actions.size());
      RuntimeException failure = null;
      for (Future<T> f : running) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
