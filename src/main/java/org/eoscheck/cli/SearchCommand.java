package org.eoscheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code eoscheck search}; replaced by its implementation. */
@Command(name = "search", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "(not implemented yet)")
public final class SearchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("eoscheck search: not implemented yet");
    return Main.INTERNAL;
  }
}
