/**
 * Rules that recognize and normalize the entities a leak exposes (email addresses, domains, countries, company
 * and person names, logins, phone numbers) and tell which fields hold them.
 *
 * <p>Everything here is pure Java called once per field or text from Spark {@code mapPartitions} code: static,
 * stateless and thread-safe; deterministic ({@link java.util.Locale#ROOT}, never the default locale); lookup tables
 * loaded once into static finals from the hand-maintained lists in {@code org/leakscope/extract/}; and no regular
 * expression that can backtrack, so hostile input costs linear time. A value that looks like an entity but is not
 * one is a {@link org.leakscope.extract.rules.Normalized} rejection with a snake_case reason, never an exception.
 */
package org.leakscope.extract.rules;
