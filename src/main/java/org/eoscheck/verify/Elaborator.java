package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.LemmaSemantics;

/**
 * Turns a {@link Lemma} into a {@link Problem} by the kernel's semantics of the lemma language
 * ({@link LemmaSemantics}): the prover proves exactly the statement that replay derives from the
 * lemma text, definedness domains included.
 */
public final class Elaborator {
  private Elaborator() {}

  public static Problem elaborate(Lemma lemma) throws InputException {
    LemmaSemantics.Meaning m = LemmaSemantics.of(lemma.syntax());
    List<BigFraction> lo = new ArrayList<>();
    List<BigFraction> hi = new ArrayList<>();
    for (Bounds b : m.root().values()) {
      lo.add(b.lo());
      hi.add(b.hi());
    }
    List<Problem.Hypothesis> hypotheses = m.hypotheses().stream()
        .map(h -> new Problem.Hypothesis(h.f(), h.strict(), h.source(), h.domain())).toList();
    List<Problem.Claim> claims = m.claims().stream()
        .map(c -> new Problem.Claim(c.source(), c.relation(), c.difference(), c.domain())).toList();
    return new Problem(lemma, m.variables(), new Box("r", lo, hi), m.fixed(), hypotheses, claims,
        m.symmetry());
  }
}
