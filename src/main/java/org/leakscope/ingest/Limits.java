package org.leakscope.ingest;

import java.io.Serializable;

/**
 * Bounds applied to untrusted input. Every limit is on by default; a unit over a limit is quarantined with its
 * reason and the job goes on. Values are validated when the record is built, and errors name the bad value.
 *
 * @param maxUnitBytes      largest unit (message, row, record, document) buffered for parsing
 * @param maxLineBytes      longest line accepted in a message or an mbox file
 * @param maxHeaderCount    most header fields in one message or MIME part
 * @param maxHeaderBytes    longest single header field (after unfolding)
 * @param maxMimeDepth      deepest MIME multipart / message nesting
 * @param maxArchiveDepth   deepest archive-in-archive nesting (the outermost archive is depth 1)
 * @param maxArchiveEntries most entries read from one archive
 * @param maxArchiveRatio   largest expanded:compressed byte ratio of an archive (checked past 1 MiB expanded)
 * @param maxArchiveBytes   most bytes expanded from one top-level archive, nested archives included
 * @param maxFields         most fields in one CSV row or JSON record
 * @param maxJsonDepth      deepest JSON nesting
 * @param maxTextChars      most characters of text kept from one document (longer text is truncated, with a warning)
 */
public record Limits(
    long maxUnitBytes,
    int maxLineBytes,
    int maxHeaderCount,
    int maxHeaderBytes,
    int maxMimeDepth,
    int maxArchiveDepth,
    int maxArchiveEntries,
    double maxArchiveRatio,
    long maxArchiveBytes,
    int maxFields,
    int maxJsonDepth,
    int maxTextChars)
    implements Serializable {

  public static final long MIB = 1024L * 1024L;

  public Limits {
    positive("maxUnitBytes", maxUnitBytes);
    positive("maxLineBytes", maxLineBytes);
    positive("maxHeaderCount", maxHeaderCount);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxMimeDepth", maxMimeDepth);
    positive("maxArchiveDepth", maxArchiveDepth);
    positive("maxArchiveEntries", maxArchiveEntries);
    if (!(maxArchiveRatio >= 1.0)) {
      throw new IllegalArgumentException("maxArchiveRatio must be >= 1, got " + maxArchiveRatio);
    }
    positive("maxArchiveBytes", maxArchiveBytes);
    positive("maxFields", maxFields);
    positive("maxJsonDepth", maxJsonDepth);
    positive("maxTextChars", maxTextChars);
    if (maxUnitBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxUnitBytes must be below 2 GiB, got " + maxUnitBytes);
    }
  }

  /** The defaults: generous for real dumps, small enough that one hostile unit cannot exhaust an executor. */
  public static Limits defaults() {
    return new Limits(
        64 * MIB, // unit
        4 * (int) MIB, // line
        1_000, // header count (mime4j's own default)
        (int) MIB, // header length: long To: lists are common in real mail
        32, // MIME depth
        5, // archive depth
        50_000, // archive entries
        100.0, // ratio, as Apache POI's minimum inflate ratio of 0.01
        16L * 1024 * MIB, // archive bytes
        10_000, // fields
        200, // JSON depth
        16 * (int) MIB); // text chars
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
