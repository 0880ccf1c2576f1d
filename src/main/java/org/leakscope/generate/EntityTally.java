package org.leakscope.generate;

/**
 * The entity mentions a shard wrote, counted as they are written: every occurrence (the {@code raw} basis), the
 * distinct values exactly as written ({@code distinct_raw}) and the distinct values a correct normalizer must
 * produce ({@code distinct_normalized}). The normalized values are known by construction — the generator writes
 * variants of a canonical value it holds — so nothing here runs leakscope's own normalizers. Shards' tallies are
 * merged into the ground truth.
 */
final class EntityTally {
  long addressMentions;
  final Fingerprints addressRaw = new Fingerprints();
  final Fingerprints addressNormalized = new Fingerprints();
  long loginMentions;
  final Fingerprints loginRaw = new Fingerprints();
  final Fingerprints loginNormalized = new Fingerprints();
  long companyMentions;
  final Fingerprints companyRaw = new Fingerprints();
  final Fingerprints companyNormalized = new Fingerprints();

  /** An address as written, and the address it denotes (lower case, as the generator makes them). */
  void address(String raw, String canonical) {
    addressMentions++;
    addressRaw.add(raw);
    addressNormalized.add(canonical);
  }

  /** A login field's value as written, and its normalized form ({@code qualifier\\user} or {@code user}). */
  void login(String raw, String normalized) {
    loginMentions++;
    loginRaw.add(raw);
    loginNormalized.add(normalized);
  }

  /** A company name as written, and its normalized form (the name without legal suffix, lower case). */
  void company(String raw, String normalized) {
    companyMentions++;
    companyRaw.add(raw);
    companyNormalized.add(normalized);
  }

  EntityTally merge(EntityTally o) {
    addressMentions += o.addressMentions;
    addressRaw.addAll(o.addressRaw);
    addressNormalized.addAll(o.addressNormalized);
    loginMentions += o.loginMentions;
    loginRaw.addAll(o.loginRaw);
    loginNormalized.addAll(o.loginNormalized);
    companyMentions += o.companyMentions;
    companyRaw.addAll(o.companyRaw);
    companyNormalized.addAll(o.companyNormalized);
    return this;
  }
}
