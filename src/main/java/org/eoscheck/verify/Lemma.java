package org.eoscheck.verify;

import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.LemmaSource;
import org.eoscheck.certificate.Located;
import org.eoscheck.model.Model;

/**
 * A lemma as written in a lemma file ({@link LemmaSource}: a model, a region of exact rational
 * ranges, a variable with lo == hi fixed, hypotheses and claims with their lines) and the prover's
 * {@link Model} of it.
 */
public record Lemma(LemmaSource syntax, Model model) {
  public String name() {
    return syntax.name();
  }

  /** The paper the lemma cites (the file's {@code source:}). */
  public String source() {
    return syntax.source();
  }

  public String file() {
    return syntax.file();
  }

  public String text() {
    return syntax.text();
  }

  public Map<String, BigFraction[]> ranges() {
    return syntax.ranges();
  }

  public Map<String, Integer> rangeLines() {
    return syntax.rangeLines();
  }

  public List<Located> assumptions() {
    return syntax.assumptions();
  }

  public List<Located> claims() {
    return syntax.claims();
  }

  /** The verdict the author expects (PROVED, REFUTED, UNKNOWN), or null. */
  public String expect() {
    return syntax.expect();
  }
}
