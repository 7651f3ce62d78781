package org.eoscheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code eoscheck derive}; replaced by its implementation. */
@Command(name = "derive", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "(not implemented yet)")
public final class DeriveCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("eoscheck derive: not implemented yet");
    return Main.INTERNAL;
  }
}
