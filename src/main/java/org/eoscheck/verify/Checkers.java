package org.eoscheck.verify;

import org.eoscheck.smt.Z3Processes;

/** The standard {@link Checker}: Z3 in the JVM's pool of worker processes. */
public final class Checkers {
  private Checkers() {}

  public static Checker standard() {
    return new Checker(Z3Processes.shared());
  }
}
