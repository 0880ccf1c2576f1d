package org.leakscope.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * What {@code ingest} reads and writes, validated once at the edge.
 *
 * @param input           a file or directory URI on any Hadoop FileSystem
 * @param output          the run's output directory URI
 * @param limits          bounds on untrusted input
 * @param taskBytes       input bytes per Spark task (files are packed into tasks of about this size)
 */
public record IngestConfig(String input, String output, Limits limits, long taskBytes) implements Serializable {
  public static final long DEFAULT_TASK_BYTES = 64L * 1024 * 1024;

  public IngestConfig {
    Objects.requireNonNull(limits, "limits");
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is required");
    }
    if (taskBytes < 1024) {
      throw new IllegalArgumentException("task bytes must be at least 1024, got " + taskBytes);
    }
  }
}
