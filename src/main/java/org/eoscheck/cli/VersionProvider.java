package org.eoscheck.cli;

import org.eoscheck.Version;
import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"eoscheck " + Version.get(), "Java " + System.getProperty("java.version")};
  }
}
