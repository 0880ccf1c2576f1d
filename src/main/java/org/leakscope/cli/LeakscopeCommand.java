package org.leakscope.cli;

import org.leakscope.io.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top command; the work is in its subcommands. */
@Command(
    name = "leakscope",
    mixinStandardHelpOptions = true,
    versionProvider = LeakscopeCommand.Version.class,
    description = "Counts what a leaked dump really exposes, under every counting definition.",
    subcommands = {IngestCommand.class, ExtractCommand.class, DedupCommand.class, CountCommand.class, ReportCommand.class, RunCommand.class, GenerateCommand.class,
      CompareCommand.class, NotifyCommand.class})
final class LeakscopeCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"leakscope " + Summary.version()};
    }
  }
}
