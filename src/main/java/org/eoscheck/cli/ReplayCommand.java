package org.eoscheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code eoscheck replay}; replaced by its implementation. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "(not implemented yet)")
public final class ReplayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("eoscheck replay: not implemented yet");
    return Main.INTERNAL;
  }
}
