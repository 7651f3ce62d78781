package org.eoscheck.symbolic;

/**
 * The computer-algebra system could not do what was asked: an expression outside the common
 * language (e.g. an unresolved call, or Symja answering with Pi or a complex number), a Symja
 * failure, or a call over its time budget. Unchecked: callers treat it as "no symbolic answer"
 * (never as a verdict).
 */
public class SymbolicException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SymbolicException(String message) {
    super(message);
  }

  public SymbolicException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The call ran over its time budget and was stopped. */
  public static final class Timeout extends SymbolicException {
    private static final long serialVersionUID = 1L;

    public Timeout(String message) {
      super(message);
    }
  }
}
