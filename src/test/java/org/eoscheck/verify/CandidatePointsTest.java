package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.SmtOracle;
import org.junit.jupiter.api.Test;

/**
 * Each candidate source proposes the points where counterexamples are: 1/3 by small
 * denominators, balanced points and +-1 patterns by symmetry, points of pi = 1 by the model's
 * minimisers, exact roots of factors, corners and the centre; deterministically.
 */
class CandidatePointsTest {
  private static Problem problem(String yaml) throws Exception {
    return Elaborator.elaborate(LemmaLoader.parse(yaml, "test.yaml"));
  }

  private static final String PHI3 = """
      name: phi3
      model: scalar
      depth: 3
      variables: {w1: [-2, 2], w2: [-2, 2], w3: [-2, 2]}
      claim: phi(theta) > 3
      """;

  private static Problem custom(String claim, String range) throws Exception {
    return problem("name: c\nmodel: custom\nparams: [x]\nloss: x^2\nvariables: {x: " + range
        + "}\nclaim: " + claim + "\n");
  }

  private static List<List<BigFraction>> points(Problem p, String source) {
    return new CandidatePoints(p).from(source, p.root(), List.of()).stream()
        .map(CandidatePoints.Candidate::point).toList();
  }

  private static List<BigFraction> q(String... xs) {
    return java.util.Arrays.stream(xs).map(org.eoscheck.certificate.SampleLog::q).toList();
  }

  @Test
  void smallDenominatorsReachOneThird() throws Exception {
    List<List<BigFraction>> p = points(custom("(3*x - 1)^2 > 0", "[0, 1]"), "small denominators");
    assertTrue(p.contains(q("1/3")), p.toString());
    assertTrue(p.indexOf(q("1/3")) < 6, "among the first: " + p);
  }

  @Test
  void symmetryGivesBalancedPointsAndSignPatterns() throws Exception {
    List<List<BigFraction>> p = points(problem(PHI3), "symmetry");
    for (List<BigFraction> x : List.of(q("1", "1", "1"), q("-1", "-1", "-1"), q("1", "-1", "1"),
        q("1/2", "1/2", "1/2"), q("0", "0", "0"))) {
      assertTrue(p.contains(x), x + " in " + p);
    }
  }

  @Test
  void modelMinimisersLieOnPiEqualsOne() throws Exception {
    List<List<BigFraction>> p = points(problem(PHI3), "model minimisers");
    assertTrue(p.containsAll(List.of(q("1", "1", "1"), q("-1", "-1", "1"), q("1", "-1", "-1"))), p.toString());
    for (List<BigFraction> x : p) {
      assertEquals(BigFraction.ONE, x.get(0).multiply(x.get(1)).multiply(x.get(2)), x.toString());
    }
  }

  @Test
  void rationalRootsOfFactorsAndDivisors() throws Exception {
    // 2/17 has too large a denominator for the small-denominator source
    Problem p = custom("(17*x - 2)^2 > 0", "[0, 1]");
    assertFalse(points(p, "small denominators").contains(q("2/17")));
    assertTrue(points(p, "rational roots").contains(q("2/17")));
    // a divisor's root: where the claim is undefined
    assertTrue(points(custom("1/(13*x - 5) >= 0", "[0, 1]"), "rational roots").contains(q("5/13")));
  }

  @Test
  void cornersAndCentreAreCappedInHighDimension() throws Exception {
    List<List<BigFraction>> p = points(custom("x >= 0", "[0, 1]"), "corners and centre");
    assertEquals(List.of(q("1/2"), q("0"), q("1")), p);
    Problem deep = problem(CounterexampleSearchTest.naive(10));
    int n = points(deep, "corners and centre").size();
    assertTrue(n > 2 && n <= 66, "corners of an 11-dimensional box: " + n);
  }

  @Test
  void everySourceIsNamedOnceAndTheListIsDeterministic() throws Exception {
    assertEquals(List.of("corners and centre", "small denominators", "symmetry", "model minimisers",
        "rational roots"), CandidatePoints.names());
    Problem p = problem(PHI3);
    assertEquals(new CandidatePoints(p).all(p.root(), List.of()),
        new CandidatePoints(p).all(p.root(), List.of()));
    for (CandidatePoints.Candidate c : new CandidatePoints(p).all(p.root(), List.of())) {
      assertTrue(p.root().contains(c.point()), c.toString());
    }
  }

  @Test
  void aSatModelGivesThePointOfTheVariables() throws Exception {
    Problem p = problem(PHI3);
    Map<String, BigFraction> model = Map.of("w1", BigFraction.ONE, "w2", BigFraction.of(1, 2),
        "w3", BigFraction.of(-1), "|aux!0|", BigFraction.of(7));
    assertEquals(Optional.of(q("1", "1/2", "-1")), Z3Candidates.point(p, new SmtOracle.Sat(model)));
    assertEquals(Optional.empty(), Z3Candidates.point(p, new SmtOracle.Unsat()));
    assertEquals(Optional.empty(), Z3Candidates.point(p, new SmtOracle.Sat(Map.of("w1", BigFraction.ONE))));
  }
}
