package org.leakscope.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepsTest {
  @Test
  void concurrentStepsAreRecordedInTheGivenOrderWhateverOrderTheyFinishIn() {
    Steps steps = new Steps("test");
    steps.time("first", () -> 1);
    CountDownLatch lastDone = new CountDownLatch(1);
    Map<String, Runnable> named = new LinkedHashMap<>();
    named.put("slow", () -> {
      try {
        assertTrue(lastDone.await(10, TimeUnit.SECONDS), "the steps did not run at once");
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    named.put("fast", lastDone::countDown);
    steps.timeConcurrently(named);
    Map<String, Double> seconds = steps.seconds();
    assertEquals(List.of("first", "slow", "fast"), List.copyOf(seconds.keySet()));
    assertTrue(seconds.get("slow") >= 0.02, "each step timed on its own: " + seconds);
  }
}
