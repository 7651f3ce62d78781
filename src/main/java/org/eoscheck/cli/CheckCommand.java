package org.eoscheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code eoscheck check}; replaced by its implementation. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "(not implemented yet)")
public final class CheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("eoscheck check: not implemented yet");
    return Main.INTERNAL;
  }
}
