package org.eoscheck.cli;

import org.eoscheck.EoscheckException;
import org.eoscheck.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eoscheck} command line: a thin layer over the library. Exit codes: 0 success (or
 * PROVED), 1 internal error, 2 usage or input error, 3 REFUTED, 4 UNKNOWN remains.
 */
@Command(name = "eoscheck", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Checks claims about gradient descent at the Edge of Stability, with proofs that"
        + " can be replayed.",
    subcommands = {DeriveCommand.class, CheckCommand.class, SimulateCommand.class,
        SearchCommand.class, ReplayCommand.class, MergeCommand.class, ReportCommand.class,
        ExportCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int REFUTED = 3;
  public static final int UNKNOWN = 4;

  static {
    // Symja: no lingering worker threads, quiet logging. Must run before Symja classes load.
    System.setProperty("log4j2.loggerContextFactory",
        "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    System.setProperty("java.awt.headless", "true");
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.out.flush();
    System.exit(code);
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("eoscheck: " + ex.getMessage());
      ex.getCommandLine().getErr().println("(see '" + ex.getCommandLine().getCommandName()
          + " --help')");
      return USAGE;
    });
    return cl;
  }

  private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    if (ex instanceof InputException) {
      cl.getErr().println("eoscheck: " + ex.getMessage());
      return USAGE;
    }
    if (ex instanceof EoscheckException) {
      cl.getErr().println("eoscheck: error: " + ex.getMessage());
      return INTERNAL;
    }
    cl.getErr().println("eoscheck: internal error: " + ex);
    if (System.getenv("EOSCHECK_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    }
    return INTERNAL;
  }
}
