package org.leakscope.ingest;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;

/**
 * Turns a push-style producer (readers call back with rows) into the pull-style iterator Spark consumes, through a
 * small bounded queue, so a file of any size streams through a task with bounded memory. The producer runs on its own
 * thread; its failure is rethrown to the task, and a finished or killed task stops it.
 */
public final class RowProducer implements Iterator<Row> {
  private static final Object END = new Object();
  private static final int CAPACITY = 512;

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private Object next;

  public RowProducer(String name, Consumer<Consumer<Row>> producer) {
    thread =
        new Thread(
            () -> {
              Object last = END;
              try {
                producer.accept(this::put);
              } catch (ProducerInterrupted e) {
                return;
              } catch (RuntimeException | Error e) {
                last = e;
              }
              put(last);
            },
            name);
    thread.setDaemon(true);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> thread.interrupt());
    }
    thread.start();
  }

  private void put(Object o) {
    try {
      queue.put(o);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProducerInterrupted();
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for ingest rows", e);
      }
    }
    if (next instanceof RuntimeException e) {
      throw e;
    }
    if (next instanceof Error e) {
      throw e;
    }
    return next != END;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = (Row) next;
    next = null;
    return row;
  }

  private static final class ProducerInterrupted extends RuntimeException {
    ProducerInterrupted() {
      super(null, null, false, false);
    }
  }
}
