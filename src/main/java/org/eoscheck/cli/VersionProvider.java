package org.eoscheck.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the jar manifest when packaged. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"eoscheck " + version(), "Java " + System.getProperty("java.version")};
  }
}
