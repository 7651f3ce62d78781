package org.eoscheck.certificate;

import org.eoscheck.InputException;

/**
 * The proof log fails a kernel check (malformed, tampered, or a claim the kernel cannot confirm).
 * A bad log is bad input: exit code 2. The message names the place (leaf path, claim, line).
 */
public class Rejected extends InputException {
  private static final long serialVersionUID = 1L;

  public Rejected(String message) {
    super(message);
  }
}
