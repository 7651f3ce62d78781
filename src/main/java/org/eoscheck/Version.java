package org.eoscheck;

/** The version of eoscheck (from the jar manifest when packaged) and of the Z3 it ships. */
public final class Version {
  private Version() {}

  /**
   * "Z3 4.14.1": the version of the z3-turnkey dependency the build pinned, known without
   * starting a solver (the natives inside that jar are of the same version).
   */
  public static String z3() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = Version.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException unreadable) {
      return "Z3 (version unknown)";
    }
    return "Z3 " + p.getProperty("z3", "(version unknown)");
  }

  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }
}
