package org.leakscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.leakscope.report.NotifyJob;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code notify}: per-company impact statements of a counted run. */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = "Write one company's impact statement (statement.json and statement.html) with only its data, "
        + "or one folder per company with --all.")
final class NotifyCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Output directory of a counted run.")
  String input;

  @Option(names = "--output", required = true, description = "Folder for the statement (with --all: a folder per "
      + "company id under it).")
  String output;

  @ArgGroup(multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--company", paramLabel = "DOMAIN_OR_ID",
        description = "The company: its company_id, one of its domains or its normalized name.")
    String company;

    @Option(names = "--all", description = "Every company of the run.")
    boolean all;
  }

  @Option(names = "--with-identifiers", description = "List the company's affected addresses and logins in clear "
      + "(read from the restricted zone): for the company's own notification duty only.")
  boolean withIdentifiers;

  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    try (SparkOptions.Session session = sparkOptions.session("notify")) {
      zone.layout(session.spark(), input);
      NotifyJob job = new NotifyJob(session.spark(), input, withIdentifiers);
      if (which.all) {
        List<String> ids = job.all();
        String root = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
        ids.forEach(id -> job.write(id, root + "/" + id));
        System.out.println("notify: " + ids.size() + " statements under " + root);
        return 0;
      }
      List<String> found = job.find(which.company);
      if (found.size() != 1) {
        throw new IllegalArgumentException(found.isEmpty()
            ? "no company matches '" + which.company + "' (give a company_id, a domain or a normalized name)"
            : "'" + which.company + "' matches " + found.size() + " companies: " + found + "; give a company_id");
      }
      job.write(found.get(0), output);
      System.out.println("notify: " + output + "/statement.html, statement.json");
      return 0;
    }
  }
}
