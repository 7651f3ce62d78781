package org.eoscheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code eoscheck simulate}; replaced by its implementation. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "(not implemented yet)")
public final class SimulateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("eoscheck simulate: not implemented yet");
    return Main.INTERNAL;
  }
}
