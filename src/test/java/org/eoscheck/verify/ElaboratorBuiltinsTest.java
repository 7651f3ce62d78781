package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.model.LinearNetwork;
import org.eoscheck.model.Model;
import org.junit.jupiter.api.Test;

/**
 * The built-ins hessian(x, i, j) and gdJacobianDet(x) against independent computations: the
 * closed forms of shared/maths.md (Kreisler et al. 2023, Craciun and Ghoshdastidar 2024) and
 * Gaussian elimination on exact rational matrices.
 */
class ElaboratorBuiltinsTest {
  private static Expr claimSide(String yaml) throws Exception {
    return CheckerTest.problem(yaml).claims().get(0).relation().lhs();
  }

  private static void assertSamePolynomial(String expected, Expr actual) throws Exception {
    RationalFunction a = RationalFunction.of(ExprParser.parse(expected));
    RationalFunction b = RationalFunction.of(actual);
    assertTrue(a.sameAs(b), () -> "expected " + expected + ", got " + actual.text());
  }

  @Test
  void jacobianDeterminantOfTheDepth2ChainIsTheClosedForm() throws Exception {
    Expr det = claimSide("""
        name: x
        model: scalar
        depth: 2
        variables: {w1: [-1, 1], w2: [-1, 1], eta: [0, 1]}
        claim: gdJacobianDet(theta) > 0
        """);
    assertSamePolynomial("1 - eta*(w1^2 + w2^2) - eta^2 + 4*eta^2*w1*w2 - 3*eta^2*w1^2*w2^2", det);
  }

  @Test
  void jacobianDeterminantAtAGdStepIsTheDeterminantThere() throws Exception {
    Expr det = claimSide("""
        name: x
        model: custom
        params: [x, y]
        loss: x^2*y^2/2
        variables: {x: [-1, 1], y: [-1, 1], eta: [0, 1]}
        claim: gdJacobianDet(gd(theta)) > 0
        """);
    // Hess = [[y^2, 2xy], [2xy, x^2]] at the point (u, v) = gd(x, y) = (x - eta x y^2, y - eta x^2 y).
    String u = "(x - eta*x*y^2)";
    String v = "(y - eta*x^2*y)";
    assertSamePolynomial("(1 - eta*" + v + "^2)*(1 - eta*" + u + "^2) - eta^2*4*" + u + "^2*" + v + "^2",
        det);
  }

  @Test
  void jacobianDeterminantOfAMatrixNetworkAgreesWithGaussianElimination() throws Exception {
    Expr det = claimSide("""
        name: x
        model: linear
        dims: [2, 1, 2]
        variables: {W1_1_1: [-1, 1], W1_1_2: [-1, 1], W2_1_1: [-1, 1], W2_2_1: [-1, 1], eta: [0, 1]}
        claim: gdJacobianDet(theta) > 0
        """);
    Model m = new LinearNetwork(List.of(2, 1, 2), LinearNetwork.identityTarget(List.of(2, 1, 2)));
    List<List<Expr>> h = m.hessian();
    Random random = new Random(6);
    for (int trial = 0; trial < 5; trial++) {
      Map<String, BigFraction> point = new HashMap<>();
      for (String p : m.parameters()) {
        point.put(p, BigFraction.of(random.nextInt(9) - 4, 1 + random.nextInt(4)));
      }
      point.put(Model.ETA, BigFraction.of(1 + random.nextInt(9), 10));
      int n = h.size();
      BigFraction[][] a = new BigFraction[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          BigFraction hij = value(h.get(i).get(j), point);
          a[i][j] = (i == j ? BigFraction.ONE : BigFraction.ZERO).subtract(point.get(Model.ETA).multiply(hij));
        }
      }
      assertEquals(gauss(a), value(det, point), "at " + point);
    }
  }

  @Test
  void hessianEntriesAreThoseOfTheScalarNetwork() throws Exception {
    // Hess L = grad pi grad pi^T + (pi - 1) Hess pi, Hess pi_ij = pi / (w_i w_j) off the diagonal.
    String depth3 = """
        name: x
        model: scalar
        depth: 3
        variables: {w1: [1, 2], w2: [1, 2], w3: [1, 2]}
        claim: hessian(theta, %d, %d) >= 0
        """;
    assertSamePolynomial("w2*w3*w1*w3 + (w1*w2*w3 - 1)*w3", claimSide(depth3.formatted(1, 2)));
    Expr h33 = claimSide(depth3.formatted(3, 3));
    assertSamePolynomial("(w1*w2)^2", h33);
  }

  private static BigFraction value(Expr e, Map<String, BigFraction> point) throws Exception {
    Map<String, Expr> values = new HashMap<>();
    point.forEach((k, q) -> values.put(k, new Expr.Num(q)));
    RationalFunction r = RationalFunction.of(e.substitute(values));
    return r.num().at(Map.of()).divide(r.den().at(Map.of()));
  }

  /** The determinant by Gaussian elimination with exact rationals. */
  private static BigFraction gauss(BigFraction[][] m) {
    int n = m.length;
    List<BigFraction[]> rows = new ArrayList<>();
    for (BigFraction[] r : m) {
      rows.add(r.clone());
    }
    BigFraction det = BigFraction.ONE;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      while (pivot < n && rows.get(pivot)[c].signum() == 0) {
        pivot++;
      }
      if (pivot == n) {
        return BigFraction.ZERO;
      }
      if (pivot != c) {
        java.util.Collections.swap(rows, pivot, c);
        det = det.negate();
      }
      BigFraction p = rows.get(c)[c];
      det = det.multiply(p);
      for (int r = c + 1; r < n; r++) {
        BigFraction f = rows.get(r)[c].divide(p);
        for (int k = c; k < n; k++) {
          rows.get(r)[k] = rows.get(r)[k].subtract(f.multiply(rows.get(c)[k]));
        }
      }
    }
    return det;
  }
}
