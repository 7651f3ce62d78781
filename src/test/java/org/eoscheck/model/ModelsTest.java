package org.eoscheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr;
import org.eoscheck.symbolic.Evaluation;
import org.eoscheck.symbolic.PointCheck;
import org.junit.jupiter.api.Test;

class ModelsTest {
  private static String error(ModelSpec spec) {
    return assertThrows(InputException.class, () -> Models.create(spec)).getMessage();
  }

  private static ModelSpec spec(String family, Integer depth, Integer width, List<Integer> dims,
      String target, List<String> params, String loss) {
    return new ModelSpec(family, depth, width, dims, target, params, loss);
  }

  @Test
  void badSpecificationsAreOneClearLine() {
    assertEquals("unknown model 'deep': choose one of scalar, two-layer, linear, custom",
        error(spec("deep", null, null, null, null, null, null)));
    assertTrue(error(spec(null, null, null, null, null, null, null)).startsWith("no model given"));
    assertEquals("depth must be between 1 and 64, not 0", error(spec("scalar", 0, null, null, null, null, null)));
    assertEquals("depth must be between 1 and 64, not 1000",
        error(spec("scalar", 1000, null, null, null, null, null)));
    assertEquals("width must be between 1 and 64, not 0",
        error(spec("two-layer", null, 0, null, null, null, null)));
    assertTrue(error(spec("scalar", 2, null, null, "eta", null, null)).contains("reserved"));
    assertTrue(error(spec("scalar", 2, null, null, "1/", null, null))
        .contains("neither a rational number nor a symbol name"));
    assertTrue(error(spec("linear", null, null, List.of(2), null, null, null)).contains("at least two"));
    assertTrue(error(spec("linear", null, null, List.of(2, 0), null, null, null)).contains("at least 1"));
    assertTrue(error(spec("linear", null, null, List.of(20, 20), null, null, null)).contains("400 parameters"));
    assertTrue(error(spec("linear", null, null, List.of(2, 2), "1,0", null, null)).contains("2 x 2"));
    assertTrue(error(spec("custom", null, null, null, null, null, "x^2")).contains("needs params"));
    assertTrue(error(spec("custom", null, null, null, null, List.of("x"), null)).contains("needs a loss"));
    assertTrue(error(spec("custom", null, null, null, null, List.of("1x"), "x")).contains("not a valid"));
    assertTrue(error(spec("custom", null, null, null, null, List.of("eta"), "eta")).contains("reserved"));
    assertTrue(error(spec("custom", null, null, null, null, List.of("x", "x"), "x")).contains("twice"));
    assertTrue(error(spec("custom", null, null, null, null, List.of("x"), "x +"))
        .startsWith("the loss does not parse: column 4"));
    assertEquals("unknown symbol 'z' in the loss: the parameters are x, y",
        error(spec("custom", null, null, null, null, List.of("x", "y"), "x*z + y")));
    assertEquals("unknown function 'foo' in the loss",
        error(spec("custom", null, null, null, null, List.of("x"), "foo(x)")));
  }

  @Test
  void goodSpecificationsBuildTheirFamily() throws InputException {
    Model s = Models.create(spec("scalar", 3, null, null, "y", null, null));
    assertInstanceOf(ScalarNetwork.class, s);
    assertEquals(List.of("w1", "w2", "w3"), s.parameters());
    assertEquals(List.of("y"), new ArrayList<>(s.symbols()));
    Model two = Models.create(spec("two-layer", null, 2, null, "3/2", null, null));
    assertEquals(List.of("a1", "a2", "b1", "b2"), two.parameters());
    assertEquals(new Expr.Num(BigFraction.of(3, 2)), ((TwoLayerNetwork) two).target());
    Model linear = Models.create(spec("linear", null, null, List.of(2, 3, 2), "1,0;0,1", null, null));
    assertEquals(12, linear.parameters().size());
    Model custom = Models.create(spec("custom", null, null, null, null, List.of("r", "t"),
        "(2 + cos(t))*(r - 1)^2/2"));
    assertEquals(List.of("r", "t"), custom.parameters());
    assertTrue(custom.symbols().isEmpty());
  }

  @Test
  void scalarNetworkMatchesThePaperFormulas() throws InputException {
    // maths.md 1: dL/dw_i = (pi - 1) pi / w_i; Hess = grad pi grad pi^T + (pi - 1) Hess pi
    Random r = new Random(8);
    for (int depth = 2; depth <= 4; depth++) {
      Model m = Models.create(ModelSpec.scalar(depth));
      Expr pi = m.product().orElseThrow();
      for (int k = 0; k < 5; k++) {
        Map<String, BigFraction> w = PointCheck.randomPoint(m.parameters(), r);
        BigFraction p = Evaluation.exact(pi, w);
        for (int i = 0; i < depth; i++) {
          BigFraction wi = w.get("w" + (i + 1));
          assertEquals(p.subtract(1).multiply(p).divide(wi), Evaluation.exact(m.gradient().get(i), w));
          for (int j = 0; j < depth; j++) {
            BigFraction wj = w.get("w" + (j + 1));
            BigFraction expected = p.divide(wi).multiply(p.divide(wj))
                .add(i == j ? BigFraction.ZERO : p.subtract(1).multiply(p).divide(wi.multiply(wj)));
            assertEquals(expected, Evaluation.exact(m.hessian().get(i).get(j), w));
          }
        }
      }
    }
  }

  @Test
  void twoLayerNetworkFollowsTheExactRecursions() throws InputException {
    // maths.md 3: eps+ = eps (1 - eta lambda + eta^2 eps (eps + Phi)),
    // lambda+ = lambda (1 + eta^2 eps^2) - 4 eta eps (eps + Phi), Q+ = (1 - eta^2 eps^2) Q,
    // P+ = (1 - eta^2 eps^2)^2 P, lambda^2 = 4 (a.b)^2 + P
    Random r = new Random(12);
    for (int width = 1; width <= 3; width++) {
      TwoLayerNetwork m = (TwoLayerNetwork) Models.create(spec("two-layer", null, width, null, "2", null, null));
      List<String> vars = new ArrayList<>(m.parameters());
      vars.add("eta");
      for (int k = 0; k < 5; k++) {
        Map<String, BigFraction> x = PointCheck.randomPoint(vars, r);
        Map<String, BigFraction> next = new java.util.HashMap<>(x);
        for (int i = 0; i < m.parameters().size(); i++) {
          next.put(m.parameters().get(i), Evaluation.exact(m.gdStep().get(i), x));
        }
        BigFraction eta = x.get("eta");
        BigFraction phi = BigFraction.of(2);
        BigFraction eps = Evaluation.exact(m.residual().orElseThrow(), x);
        BigFraction eps1 = Evaluation.exact(m.residual().orElseThrow(), next);
        BigFraction lambda = norm(m, x);
        BigFraction lambda1 = norm(m, next);
        BigFraction q = q(m, x);
        BigFraction shrink = BigFraction.ONE.subtract(eta.pow(2).multiply(eps.pow(2)));
        assertEquals(eps.multiply(BigFraction.ONE.subtract(eta.multiply(lambda))
            .add(eta.pow(2).multiply(eps).multiply(eps.add(phi)))), eps1);
        assertEquals(lambda.multiply(BigFraction.ONE.add(eta.pow(2).multiply(eps.pow(2))))
            .subtract(eta.multiply(eps).multiply(eps.add(phi)).multiply(4)), lambda1);
        assertEquals(shrink.multiply(q), q(m, next));
        assertEquals(shrink.pow(2).multiply(Evaluation.exact(m.p(), x)), Evaluation.exact(m.p(), next));
        BigFraction ab = Evaluation.exact(m.product().orElseThrow(), x);
        assertEquals(lambda.pow(2), ab.pow(2).multiply(4).add(Evaluation.exact(m.p(), x)));
      }
    }
  }

  private static BigFraction norm(TwoLayerNetwork m, Map<String, BigFraction> x) {
    BigFraction s = BigFraction.ZERO;
    for (String v : m.parameters()) {
      s = s.add(x.get(v).pow(2));
    }
    return s;
  }

  private static BigFraction q(TwoLayerNetwork m, Map<String, BigFraction> x) {
    BigFraction s = BigFraction.ZERO;
    for (String v : m.parameters()) {
      s = v.startsWith("a") ? s.add(x.get(v).pow(2)) : s.subtract(x.get(v).pow(2));
    }
    return s;
  }

  @Test
  void linearNetworkLossIsTheFrobeniusResidual() throws InputException {
    Model m = Models.create(spec("linear", null, null, List.of(2, 2, 2), null, null, null));
    Random r = new Random(3);
    Map<String, BigFraction> x = PointCheck.randomPoint(m.parameters(), r);
    BigFraction[][] w1 = new BigFraction[2][2];
    BigFraction[][] w2 = new BigFraction[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        w1[i][j] = x.get(LinearNetwork.weight(1, i + 1, j + 1));
        w2[i][j] = x.get(LinearNetwork.weight(2, i + 1, j + 1));
      }
    }
    BigFraction loss = BigFraction.ZERO;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        BigFraction e = w2[i][0].multiply(w1[0][j]).add(w2[i][1].multiply(w1[1][j]))
            .subtract(i == j ? 1 : 0);
        loss = loss.add(e.pow(2));
      }
    }
    assertEquals(loss.divide(2), Evaluation.exact(m.loss(), x));
  }
}
