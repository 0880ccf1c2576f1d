package org.leakscope.extract;

import java.util.Map;

/**
 * What the extract stage found.
 *
 * @param metrics per entity metric ({@code email_addresses}, {@code users}, {@code companies}, {@code countries}),
 *     the value at each basis that applies ({@code raw}, {@code distinct_raw}, {@code distinct_normalized},
 *     {@code resolved}, and {@code distinct_canonical} when asked for)
 * @param mentions mentions found per entity type, valid or not
 * @param rejected mentions per entity type that looked like an entity but failed validation
 * @param companyCountries distinct countries of the resolved companies ("companies in N countries")
 */
public record ExtractResult(
    Map<String, Map<String, Long>> metrics,
    Map<String, Long> mentions,
    Map<String, Long> rejected,
    long companyCountries,
    Map<String, Double> stepSeconds,
    double seconds) {}
