package org.leakscope.cli;

import org.leakscope.extract.ExtractConfig;
import picocli.CommandLine.Option;

/** The extract stage's options, shared by {@code extract} and {@code run}. */
final class ExtractOptions {
  @Option(
      names = "--canonical-addresses",
      description = "Also count addresses with plus-tags stripped and Gmail dots removed (an extra basis, "
          + "distinct_canonical; off by default, as breach counters do not strip them).")
  boolean canonicalAddresses;

  @Option(
      names = "--key-file",
      description = "File (any Hadoop path) holding the pseudonymization key, hex or Base64. Default: the "
          + "LEAKSCOPE_PSEUDONYM_KEY environment variable, else the key an earlier run generated in the restricted "
          + "zone, else a new one generated there.")
  String keyFile;

  ExtractConfig toConfig(String output) {
    return new ExtractConfig(output, canonicalAddresses, keyFile);
  }
}
