package org.leakscope.count;

import java.time.LocalDate;

/**
 * One published statement about a dump, as read from a claims file (docs/claims.md).
 *
 * @param claimant who said it
 * @param date     when it was said
 * @param metric   what it counts: one of {@link Claims#METRICS}, or {@code records:<set>}
 * @param claimed  the number claimed, or null when the statement gave none
 * @param quote    the words, verbatim
 * @param source   where it was published
 * @param line     1-based line of the list entry in the file, to point back at it
 */
public record Claim(
    String claimant, LocalDate date, String metric, Long claimed, String quote, String source, int line) {}
