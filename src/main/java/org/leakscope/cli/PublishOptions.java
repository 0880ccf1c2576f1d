package org.leakscope.cli;

import org.leakscope.privacy.Suppression;
import picocli.CommandLine.Option;

/** How the exports and the report publish small counts (see docs/privacy.md). */
final class PublishOptions {
  @Option(
      names = "--suppress-below",
      paramLabel = "K",
      description = "Hide counts from 1 to K-1 in the published breakdowns (exports and report), with complementary "
          + "suppression; tables/ keep exact counts. 1 turns it off (default ${DEFAULT-VALUE}).")
  int k = Suppression.DEFAULT_K;

  Suppression suppression() {
    return new Suppression(k);
  }
}
