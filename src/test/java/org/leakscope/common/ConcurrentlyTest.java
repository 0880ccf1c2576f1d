package org.leakscope.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {
  @Test
  void runsTheActionsAtOnceAndReturnsWhenAllHaveFinished() {
    CountDownLatch allStarted = new CountDownLatch(3);
    AtomicInteger finished = new AtomicInteger();
    Runnable action = () -> {
      allStarted.countDown();
      try {
        // Only returns if the other two run at the same time.
        assertTrue(allStarted.await(10, TimeUnit.SECONDS), "the actions did not run at once");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      finished.incrementAndGet();
    };
    Concurrently.run(List.of(action, action, action));
    assertEquals(3, finished.get());
  }

  @Test
  void resultsComeInTheGivenOrderWhateverOrderTheActionsFinishIn() {
    CountDownLatch secondDone = new CountDownLatch(1);
    List<String> results = Concurrently.all(List.of(
        () -> {
          try {
            assertTrue(secondDone.await(10, TimeUnit.SECONDS), "the second action did not finish");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return "first";
        },
        () -> {
          secondDone.countDown();
          return "second";
        }));
    assertEquals(List.of("first", "second"), results);
  }

  @Test
  void theFirstFailureInTheGivenOrderIsRethrownAfterTheOthersFinish() {
    AtomicInteger finished = new AtomicInteger();
    CountDownLatch secondFailed = new CountDownLatch(1);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Concurrently.run(List.of(
        () -> {
          try {
            secondFailed.await(10, TimeUnit.SECONDS); // fails after the second one
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          throw new IllegalArgumentException("first");
        },
        () -> {
          secondFailed.countDown();
          throw new IllegalStateException("second");
        },
        finished::incrementAndGet)));
    assertEquals("first", thrown.getMessage());
    assertEquals(1, finished.get(), "the action that did not fail still ran to the end");
  }
}
