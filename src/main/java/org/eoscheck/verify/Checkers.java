package org.eoscheck.verify;

import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.smt.Z3Processes;

/** The standard {@link Checker}: Z3 in the JVM's pool of worker processes. */
public final class Checkers {
  private Checkers() {}

  public static Checker standard() {
    return new Checker(solver());
  }

  /** The shared pool of Z3 worker processes (started lazily). */
  public static SmtOracle solver() {
    return Z3Processes.shared();
  }
}
