package org.leakscope.cli;

import picocli.CommandLine;

/** The one entry point: {@code leakscope <command> [options]}, locally through jobs/leakscope or by spark-submit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code: 0 on success, non-zero with a one-line reason on stderr. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new LeakscopeCommand());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("leakscope: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  static String oneLine(Throwable e) {
    Throwable t = e;
    // Spark and Hadoop wrap; the innermost message is the one that names the bad value.
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
      t = t.getCause();
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = msg.indexOf('\n');
    String line = nl < 0 ? msg : msg.substring(0, nl);
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }
}
