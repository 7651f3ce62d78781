package org.eoscheck;

/**
 * Bad input: a malformed lemma file, an unknown name, an empty box, an invalid option. The
 * message is one line that names where (file and line when known) and what.
 */
public class InputException extends EoscheckException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  /** The same problem, located: "file:line: message" (line 0 omits the line). */
  public InputException at(String file, int line) {
    String where = line > 0 ? file + ":" + line : file;
    return new InputException(where + ": " + getMessage());
  }
}
