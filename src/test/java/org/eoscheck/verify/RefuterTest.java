package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The refuter hands candidates to the kernel and reports only what it certifies: a box where the
 * claim certainly fails gives its simplest point; a point where a hypothesis is undefined is
 * judged and rejected; an uncertified point is never reported.
 */
class RefuterTest {
  private static Problem problem(String claim, String assume, String range) throws Exception {
    return Elaborator.elaborate(LemmaLoader.parse("name: r\nmodel: custom\nparams: [x]\nloss: x^2\n"
        + "variables: {x: " + range + "}\n" + (assume == null ? "" : "assume: [" + assume + "]\n")
        + "claim: " + claim + "\n", "test.yaml"));
  }

  private static Goal goal(Problem p) {
    Problem.Claim c = p.claims().get(0);
    return new Goal(0, c, c.difference(), null, List.of(c.difference()));
  }

  private static Refuter refuter(Problem p, PointCertifier certifier) {
    return new Refuter(p, new Enclosures(p, List.of(goal(p))), certifier);
  }

  private static Box box(String lo, String hi) {
    return new Box("b", List.of(org.eoscheck.certificate.SampleLog.q(lo)),
        List.of(org.eoscheck.certificate.SampleLog.q(hi)));
  }

  @Test
  void aBoxWhereTheClaimCertainlyFailsGivesItsSimplestPoint() throws Exception {
    Problem p = problem("x^2 <= 1/2", null, "[0, 1]");
    Refuter r = refuter(p, Certificates.certifier(p));
    Counterexample c = r.inViolatedBox(box("3/4", "7/8"), goal(p)).orElseThrow();
    assertEquals(Map.of("x", BigFraction.of(3, 4)), c.point());   // least denominator in [3/4, 7/8]
    assertEquals("a box where the claim certainly fails", c.source());
    assertEquals(Optional.empty(), r.inViolatedBox(box("1/2", "1"), goal(p)));   // fails on part only
  }

  @Test
  void onlyCertifiedPointsAreReported() throws Exception {
    Problem p = problem("(3*x - 1)^2 > 0", null, "[0, 1]");
    List<Map<String, BigFraction>> asked = new ArrayList<>();
    Refuter r = refuter(p, (claim, point) -> {
      asked.add(point);
      return Optional.empty();
    });
    assertEquals(Optional.empty(), r.candidates(p.root(), goal(p), List.of(), 48));
    assertTrue(asked.contains(Map.of("x", BigFraction.of(1, 3))), asked.toString());
    assertEquals(asked.size(), r.judgements());
    Counterexample c = refuter(p, Certificates.certifier(p)).candidates(p.root(), goal(p), List.of(), 48)
        .orElseThrow();
    assertEquals(Map.of("x", BigFraction.of(1, 3)), c.point());
    assertEquals("small denominators", c.source());
  }

  @Test
  void aPointWhereAHypothesisIsUndefinedIsJudgedAndRejected() throws Exception {
    Problem p = problem("x^2 > 0", "1/x >= 0", "[-1, 1]");
    List<Map<String, BigFraction>> asked = new ArrayList<>();
    PointCertifier kernel = Certificates.certifier(p);
    Refuter r = refuter(p, (claim, point) -> {
      asked.add(point);
      return kernel.certify(claim, point);
    });
    assertEquals(Optional.empty(), r.candidates(p.root(), goal(p), List.of(), 48));
    assertTrue(asked.contains(Map.of("x", BigFraction.ZERO)), "x = 0 was judged: " + asked);
    assertEquals(Optional.empty(), r.tryPoint(List.of(BigFraction.ZERO), goal(p), "test"));
  }

  @Test
  void theClaimUndefinedEverywhereIsRefutedAtTheFirstPoint() throws Exception {
    Problem p = problem("1/(x - x) >= 0", null, "[1/2, 2]");
    Counterexample c = refuter(p, Certificates.certifier(p)).candidates(p.root(), goal(p), List.of(), 1)
        .orElseThrow();
    assertTrue(c.undefined().startsWith("division by 0: "), c.undefined());
    assertEquals("corners and centre", c.source());
  }
}
