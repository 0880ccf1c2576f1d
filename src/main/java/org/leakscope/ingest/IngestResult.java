package org.leakscope.ingest;

import java.util.Map;

/**
 * What one ingest produced, from the written tables.
 *
 * @param files              input files listed (one manifest row each)
 * @param bytes              their total size
 * @param units              units found in them
 * @param items              rows written to {@code items}
 * @param quarantined        rows written to {@code quarantine}
 * @param itemsByKind        items per kind (email, record, document)
 * @param quarantineByReason quarantined units per reason
 * @param seconds            wall-clock time of the stage
 */
public record IngestResult(
    long files,
    long bytes,
    long units,
    long items,
    long quarantined,
    Map<String, Long> itemsByKind,
    Map<String, Long> quarantineByReason,
    double seconds) {}
