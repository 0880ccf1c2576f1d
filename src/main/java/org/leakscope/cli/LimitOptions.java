package org.leakscope.cli;

import org.leakscope.ingest.Limits;
import picocli.CommandLine.Option;

/** Input limits; every one is on by default (see docs/ingest.md). Sizes take k, m or g suffixes. */
final class LimitOptions {
  private static final Limits D = Limits.defaults();

  @Option(names = "--max-unit-bytes", converter = Sizes.class, description = "Largest unit kept (default 64m).")
  long maxUnitBytes = D.maxUnitBytes();

  @Option(names = "--max-line-bytes", converter = Sizes.class, description = "Longest mail line (default 4m).")
  long maxLineBytes = D.maxLineBytes();

  @Option(names = "--max-header-count", description = "Most header fields per message (default 1000).")
  int maxHeaderCount = D.maxHeaderCount();

  @Option(names = "--max-header-bytes", converter = Sizes.class, description = "Longest header field (default 1m).")
  long maxHeaderBytes = D.maxHeaderBytes();

  @Option(names = "--max-mime-depth", description = "Deepest MIME nesting (default 32).")
  int maxMimeDepth = D.maxMimeDepth();

  @Option(names = "--max-archive-depth", description = "Deepest archive-in-archive nesting (default 5).")
  int maxArchiveDepth = D.maxArchiveDepth();

  @Option(names = "--max-archive-entries", description = "Most entries per archive (default 50000).")
  int maxArchiveEntries = D.maxArchiveEntries();

  @Option(names = "--max-archive-ratio", description = "Largest expansion ratio (default 100).")
  double maxArchiveRatio = D.maxArchiveRatio();

  @Option(
      names = "--max-archive-bytes",
      converter = Sizes.class,
      description = "Most bytes expanded from one archive (default 16g).")
  long maxArchiveBytes = D.maxArchiveBytes();

  @Option(names = "--max-fields", description = "Most fields per CSV row or JSON record (default 10000).")
  int maxFields = D.maxFields();

  @Option(names = "--max-json-depth", description = "Deepest JSON nesting (default 200).")
  int maxJsonDepth = D.maxJsonDepth();

  @Option(
      names = "--max-text-chars",
      converter = Sizes.class,
      description = "Most characters of text kept per document (default 16m).")
  long maxTextChars = D.maxTextChars();

  Limits toLimits() {
    return new Limits(
        maxUnitBytes,
        toInt("--max-line-bytes", maxLineBytes),
        maxHeaderCount,
        toInt("--max-header-bytes", maxHeaderBytes),
        maxMimeDepth,
        maxArchiveDepth,
        maxArchiveEntries,
        maxArchiveRatio,
        maxArchiveBytes,
        maxFields,
        maxJsonDepth,
        toInt("--max-text-chars", maxTextChars));
  }

  private static int toInt(String option, long value) {
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(option + " must be below 2g, got " + value);
    }
    return (int) value;
  }
}
