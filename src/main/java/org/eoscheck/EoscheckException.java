package org.eoscheck;

/**
 * The one checked exception of eoscheck's library API. {@link InputException} marks bad input
 * (exit code 2); anything else that surfaces as this type is an internal or environment failure
 * (exit code 1).
 */
public class EoscheckException extends Exception {
  private static final long serialVersionUID = 1L;

  public EoscheckException(String message) {
    super(message);
  }

  public EoscheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
