package org.eoscheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code eoscheck merge}; replaced by its implementation. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "(not implemented yet)")
public final class MergeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("eoscheck merge: not implemented yet");
    return Main.INTERNAL;
  }
}
