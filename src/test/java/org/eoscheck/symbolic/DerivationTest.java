package org.eoscheck.symbolic;

import static org.eoscheck.symbolic.SymbolicEngineTest.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.Model;
import org.eoscheck.model.ModelSpec;
import org.eoscheck.model.Models;
import org.eoscheck.symbolic.Derivation.Invariant;
import org.eoscheck.symbolic.Derivation.Item;
import org.eoscheck.symbolic.Derivation.Singularity;
import org.eoscheck.symbolic.Derivation.Status;
import org.junit.jupiter.api.Test;

class DerivationTest {
  private static final Map<ModelSpec, Derivation> CACHE = new ConcurrentHashMap<>();

  static Derivation derive(ModelSpec spec) {
    return CACHE.computeIfAbsent(spec, s -> {
      try {
        return Derivation.of(Models.create(s));
      } catch (InputException e) {
        throw new AssertionError(e);
      }
    });
  }

  static ModelSpec scalar(int depth, String target) {
    return new ModelSpec("scalar", depth, null, null, target, null, null);
  }

  static ModelSpec twoLayer(int width, String target) {
    return new ModelSpec("two-layer", null, width, null, target, null, null);
  }

  static ModelSpec linear(Integer... dims) {
    return new ModelSpec("linear", null, null, List.of(dims), null, null, null);
  }

  static ModelSpec custom(String loss, String... params) {
    return new ModelSpec("custom", null, null, null, null, List.of(params), loss);
  }

  private static final List<ModelSpec> MODELS = List.of(scalar(3, null), scalar(2, "y"),
      twoLayer(2, null), linear(2, 2, 2), custom("(1+x^2)*y^2", "x", "y"),
      custom("(2 + cos(t))*(r - 1)^2/2", "r", "t"));

  /** A point with coordinates in [-2, 2] away from 0, as doubles (and a value for symbols). */
  private static Map<String, Double> doublePoint(Model m, Random random) {
    Map<String, Double> point = new HashMap<>();
    for (String v : m.parameters()) {
      point.put(v, (random.nextBoolean() ? 1 : -1) * (0.3 + 1.7 * random.nextDouble()));
    }
    m.symbols().forEach(s -> point.put(s, 0.5 + random.nextDouble()));
    return point;
  }

  private static double loss(Model m, Map<String, Double> point) {
    return Evaluation.approximate(m.loss(), point);
  }

  @Test
  void gradientAndHessianMatchCentralFiniteDifferences() {
    Random random = new Random(11);
    for (ModelSpec spec : MODELS) {
      Derivation d = derive(spec);
      Model m = d.model();
      List<String> theta = m.parameters();
      for (int trial = 0; trial < 3; trial++) {
        Map<String, Double> x = doublePoint(m, random);
        double h = 1e-5;
        for (int i = 0; i < theta.size(); i++) {
          double fd = (loss(m, shifted(x, theta.get(i), h)) - loss(m, shifted(x, theta.get(i), -h)))
              / (2 * h);
          double g = Evaluation.approximate(d.gradient().get(i), x);
          assertEquals(fd, g, 1e-6 * (1 + Math.abs(fd)), spec + " dL/d" + theta.get(i) + " at " + x);
          for (int j = 0; j < theta.size(); j++) {
            double hh = 1e-4;
            String a = theta.get(i);
            String b = theta.get(j);
            double second = (loss(m, shifted(shifted(x, a, hh), b, hh))
                - loss(m, shifted(shifted(x, a, hh), b, -hh))
                - loss(m, shifted(shifted(x, a, -hh), b, hh))
                + loss(m, shifted(shifted(x, a, -hh), b, -hh))) / (4 * hh * hh);
            double exact = Evaluation.approximate(d.hessian().get(i).get(j), x);
            assertEquals(second, exact, 1e-4 * (1 + Math.abs(second)), spec + " H[" + a + "," + b + "]");
          }
        }
      }
    }
  }

  private static Map<String, Double> shifted(Map<String, Double> x, String v, double h) {
    Map<String, Double> y = new HashMap<>(x);
    y.put(v, y.get(v) + h);
    return y;
  }

  /** -grad L . grad q with the model's own (unsimplified) gradient. */
  private static Expr flowDerivative(Model m, Expr q) {
    List<Expr> terms = new ArrayList<>();
    List<Expr> grad = m.gradient();
    for (int k = 0; k < grad.size(); k++) {
      terms.add(Expr.mul(grad.get(k), Derivative.of(q, m.parameters().get(k))));
    }
    return new Expr.Neg(new Expr.Add(terms));
  }

  private static Map<String, BigFraction> rationalPoint(Model m, Random random) {
    List<String> vars = new ArrayList<>(m.parameters());
    vars.addAll(m.symbols());
    vars.add(Model.ETA);
    return PointCheck.randomPoint(vars, random);
  }

  @Test
  void invariantsAreConservedByGradientFlowAndTheirOneStepIdentitiesHold() {
    Random random = new Random(5);
    for (ModelSpec spec : List.of(scalar(3, null), scalar(2, "y"), twoLayer(2, null),
        twoLayer(1, "y"), linear(1, 2, 1))) {
      Derivation d = derive(spec);
      Model m = d.model();
      assertFalse(d.invariants().isEmpty(), spec.toString());
      Map<String, Expr> gd = new HashMap<>();
      for (int i = 0; i < m.parameters().size(); i++) {
        gd.put(m.parameters().get(i), m.gdStep().get(i));
      }
      for (Invariant inv : d.invariants()) {
        Expr flow = flowDerivative(m, inv.quantity());
        Expr after = inv.quantity().substitute(gd);
        for (int k = 0; k < 4; k++) {
          Map<String, BigFraction> point = rationalPoint(m, random);
          assertEquals(BigFraction.ZERO, Evaluation.exact(flow, point), inv.name() + " of " + spec);
          BigFraction qPlus = Evaluation.exact(after, point);
          BigFraction q = Evaluation.exact(inv.quantity(), point);
          if (inv.multiplier().isPresent()) {
            assertEquals(qPlus, q.multiply(Evaluation.exact(inv.multiplier().get(), point)),
                inv.name() + " of " + spec + " at " + point);
          } else {
            assertTrue(inv.change().isPresent(), inv.stepNote());
            assertEquals(qPlus.subtract(q), Evaluation.exact(inv.change().get(), point));
          }
        }
      }
    }
  }

  @Test
  void theExpectedInvariantsAreFound() {
    assertSpans(derive(scalar(3, null)), List.of("w1^2 - w2^2", "w2^2 - w3^2", "w1^2 - w3^2"));
    assertEquals(2, derive(scalar(3, null)).invariants().size());
    Derivation two = derive(twoLayer(2, null));
    assertSpans(two, List.of("a1^2 + a2^2 - b1^2 - b2^2", "a1^2 - b1^2", "a2^2 - b2^2",
        "a1*a2 - b1*b2"));
    assertTrue(two.invariants().stream().anyMatch(i -> i.origin().startsWith("P =")));
    assertSpans(derive(linear(2, 2, 2)), List.of(
        "W2_1_1^2 + W2_2_1^2 - W1_1_1^2 - W1_1_2^2",
        "W2_1_1*W2_1_2 + W2_2_1*W2_2_2 - W1_1_1*W1_2_1 - W1_1_2*W1_2_2",
        "W2_1_2^2 + W2_2_2^2 - W1_2_1^2 - W1_2_2^2"));
    Derivation custom = derive(custom("(1+x^2)*y^2", "x", "y"));
    assertTrue(custom.invariants().isEmpty());
    Item none = custom.item("invariants").orElseThrow();
    assertEquals(Status.NONE, none.status());
    assertTrue(none.notes().get(0).startsWith("none found among 3 candidates"), none.notes().toString());
  }

  /**
   * Each expected quadratic form is a linear combination of the invariants found: solve by
   * matching exact values at random points (more points than invariants) and check.
   */
  private static void assertSpans(Derivation d, List<String> expected) {
    Random random = new Random(3);
    List<Invariant> found = d.invariants().stream().filter(i -> !i.origin().startsWith("P =")).toList();
    int n = found.size();
    for (String text : expected) {
      Expr target = p(text);
      // least squares is overkill: use n + 3 points and exact Gaussian elimination on n of them
      List<Map<String, BigFraction>> points = new ArrayList<>();
      for (int k = 0; k < n + 3; k++) {
        points.add(rationalPoint(d.model(), random));
      }
      BigFraction[][] a = new BigFraction[n + 3][n + 1];
      for (int k = 0; k < n + 3; k++) {
        for (int j = 0; j < n; j++) {
          a[k][j] = Evaluation.exact(found.get(j).quantity(), points.get(k));
        }
        a[k][n] = Evaluation.exact(target, points.get(k));
      }
      assertTrue(consistent(a, n), text + " is not in the span of " + found.stream()
          .map(i -> i.quantity().text()).toList());
    }
  }

  /** Whether the augmented system [A | b] (rows >= n) is consistent, by exact elimination. */
  private static boolean consistent(BigFraction[][] a, int n) {
    int rows = a.length;
    int r = 0;
    for (int c = 0; c < n && r < rows; c++) {
      int pivot = r;
      while (pivot < rows && a[pivot][c].signum() == 0) {
        pivot++;
      }
      if (pivot == rows) {
        continue;
      }
      BigFraction[] t = a[pivot];
      a[pivot] = a[r];
      a[r] = t;
      for (int k = 0; k < rows; k++) {
        if (k != r && a[k][c].signum() != 0) {
          BigFraction f = a[k][c].divide(a[r][c]);
          for (int j = c; j <= n; j++) {
            a[k][j] = a[k][j].subtract(f.multiply(a[r][j]));
          }
        }
      }
      r++;
    }
    for (int k = r; k < rows; k++) {
      if (a[k][n].signum() != 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void scalarBalanceStepMatchesTheDerivedIdentity() {
    // maths.md 1: (w_i+)^2 - (w_j+)^2 = (w_i^2 - w_j^2)(1 - eta^2 (pi-1)^2 pi^2 / (w_i^2 w_j^2))
    Random random = new Random(17);
    for (int depth = 2; depth <= 4; depth++) {
      Derivation d = derive(scalar(depth, null));
      Model m = d.model();
      Expr pi = m.product().orElseThrow();
      for (Invariant inv : d.invariants()) {
        List<String> names = new ArrayList<>(Exprs.variables(inv.quantity()));
        assertEquals(2, names.size(), inv.quantity().text());
        Expr wi = Expr.var(names.get(0));
        Expr wj = Expr.var(names.get(1));
        Expr claimed = Expr.sub(Exprs.ONE, Expr.div(Expr.mul(Expr.pow(Expr.var("eta"), 2),
            Expr.pow(Expr.sub(pi, Exprs.ONE), 2), Expr.pow(pi, 2)),
            Expr.mul(Expr.pow(wi, 2), Expr.pow(wj, 2))));
        for (int k = 0; k < 5; k++) {
          Map<String, BigFraction> point = rationalPoint(m, random);
          assertEquals(Evaluation.exact(claimed, point),
              Evaluation.exact(inv.multiplier().orElseThrow(), point), "depth " + depth);
        }
      }
    }
  }

  @Test
  void determinantOfTheDepthTwoChainIsThePublishedPolynomial() {
    Derivation d = derive(scalar(2, null));
    Expr det = d.determinant().polynomial().orElseThrow();
    Expr expected = p("1 - eta*(w1^2 + w2^2) - eta^2 + 4*eta^2*w1*w2 - 3*eta^2*w1^2*w2^2");
    // A nonzero polynomial of degree <= 6 in 3 variables vanishes at a random point of a 25^3 grid
    // with probability <= 6/25; agreement at 30 points leaves (6/25)^30.
    Random random = new Random(2);
    for (int k = 0; k < 30; k++) {
      Map<String, BigFraction> point = rationalPoint(d.model(), random);
      assertEquals(Evaluation.exact(expected, point), Evaluation.exact(det, point));
    }
    assertEquals(Singularity.NOT_IDENTICALLY_ZERO, d.determinant().singularity());
    // and the same for the linear chain 1,1,1 under its own names
    Derivation chain = derive(linear(1, 1, 1));
    Expr chainDet = chain.determinant().polynomial().orElseThrow();
    Expr renamed = expected.substitute(Map.of("w1", Expr.var("W1_1_1"), "w2", Expr.var("W2_1_1")));
    for (int k = 0; k < 10; k++) {
      Map<String, BigFraction> point = rationalPoint(chain.model(), random);
      assertEquals(Evaluation.exact(renamed, point), Evaluation.exact(chainDet, point));
    }
  }

  @Test
  void determinantAgreesWithExactEliminationOfTheModelsHessian() {
    Random random = new Random(23);
    for (ModelSpec spec : List.of(scalar(3, null), twoLayer(2, null), custom("(1+x^2)*y^2", "x", "y"))) {
      Derivation d = derive(spec);
      Model m = d.model();
      Expr det = d.determinant().polynomial().orElseThrow();
      for (int k = 0; k < 5; k++) {
        Map<String, BigFraction> point = rationalPoint(m, random);
        BigFraction eta = point.get("eta");
        List<List<Expr>> h = m.hessian();
        int n = h.size();
        BigFraction[][] a = new BigFraction[n][n + 1];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            BigFraction hij = Evaluation.exact(h.get(i).get(j), point);
            a[i][j] = (i == j ? BigFraction.ONE : BigFraction.ZERO).subtract(eta.multiply(hij));
          }
        }
        assertEquals(determinant(a, n), Evaluation.exact(det, point), spec.toString());
      }
    }
    Derivation big = derive(linear(2, 2, 2));
    assertTrue(big.determinant().polynomial().isEmpty());
    assertEquals(Singularity.NOT_IDENTICALLY_ZERO, big.determinant().singularity());
    assertTrue(big.determinant().evidence().contains("skipped: too large"));
  }

  @Test
  void modularDeterminantIsTheResidueOfTheExactOne() {
    Derivation d = derive(scalar(4, "y"));
    List<List<Expr>> a = new ArrayList<>();
    int n = d.hessian().size();
    for (int i = 0; i < n; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        Expr eh = Expr.mul(Expr.var("eta"), d.hessian().get(i).get(j));
        row.add(i == j ? Expr.sub(Exprs.ONE, eh) : new Expr.Neg(eh));
      }
      a.add(row);
    }
    java.math.BigInteger p = java.math.BigInteger.valueOf(Deriver.PRIME);
    Random random = new Random(6);
    for (int k = 0; k < 5; k++) {
      Map<String, BigFraction> point = rationalPoint(d.model(), random);
      BigFraction exact = Deriver.exactDeterminant(a, point);
      long residue = exact.getNumerator().mod(p)
          .multiply(exact.getDenominator().mod(p).modInverse(p)).mod(p).longValue();
      assertEquals(residue, Deriver.modularDeterminant(a, point));
    }
  }

  /** Leibniz-free exact determinant by cofactor expansion (independent of the production code). */
  private static BigFraction determinant(BigFraction[][] a, int n) {
    if (n == 1) {
      return a[0][0];
    }
    BigFraction sum = BigFraction.ZERO;
    for (int c = 0; c < n; c++) {
      BigFraction[][] minor = new BigFraction[n - 1][n];
      for (int i = 1; i < n; i++) {
        for (int j = 0, k = 0; j < n; j++) {
          if (j != c) {
            minor[i - 1][k++] = a[i][j];
          }
        }
      }
      BigFraction term = a[0][c].multiply(determinant(minor, n - 1));
      sum = c % 2 == 0 ? sum.add(term) : sum.subtract(term);
    }
    return sum;
  }

  private static Expr value(Derivation d, String key, String label) {
    return d.item(key).orElseThrow().value(label).orElseThrow().expr().orElseThrow();
  }

  @Test
  void criticalStepsAreTwoOverDepthAndOneOverPhi() {
    for (int depth = 1; depth <= 4; depth++) {
      Derivation d = derive(scalar(depth, null));
      assertEquals(new Expr.Num(BigFraction.of(depth)), value(d, "infimumSharpness", "inf lambda_max"));
      assertEquals(new Expr.Num(BigFraction.of(2, depth)), value(d, "criticalStep", "eta*"));
    }
    assertEquals(new Expr.Num(BigFraction.ONE), value(derive(twoLayer(2, null)), "criticalStep", "eta*"));
    assertEquals(new Expr.Num(BigFraction.of(1, 2)),
        value(derive(twoLayer(1, "2")), "criticalStep", "eta*"));
    assertEquals(p("1/abs(y)"), value(derive(twoLayer(1, "y")), "criticalStep", "eta*"));
    assertEquals(p("1/abs(y)"), value(derive(scalar(2, "y")), "criticalStep", "eta*"));
    // depth 3 with y = 8: 3 * 8^(4/3) = 48 exactly; with y = 2 it is irrational and printed as text
    assertEquals(new Expr.Num(BigFraction.of(48)),
        value(derive(scalar(3, "8")), "infimumSharpness", "inf lambda_max"));
    assertEquals("3*abs(2)^(4/3)", derive(scalar(3, "2")).item("infimumSharpness").orElseThrow()
        .values().get(0).text());
  }

  @Test
  void noMinimiserIsFlatterThanTheInfimum() {
    // sample points of {pi = y} and check the sharpness there is >= the stated infimum
    Random random = new Random(31);
    for (ModelSpec spec : List.of(scalar(3, null), scalar(4, "16"), twoLayer(2, "3"))) {
      Derivation d = derive(spec);
      Model m = d.model();
      Expr sharpness = value(d, "sharpnessOnManifold", "lambda_max on M");
      BigFraction inf = ((Expr.Num) value(d, "infimumSharpness", "inf lambda_max")).value();
      int sampled = 0;
      for (int k = 0; k < 200 && sampled < 50; k++) {
        Map<String, BigFraction> point = rationalPoint(m, random);
        String last = m.parameters().get(m.parameters().size() - 1);
        point.put(last, BigFraction.ZERO);
        BigFraction r0 = Evaluation.exact(m.residual().orElseThrow(), point);
        BigFraction slope = Evaluation.exact(Derivative.of(m.product().orElseThrow(), last), point);
        if (slope.signum() == 0) {
          continue;
        }
        point.put(last, r0.negate().divide(slope));
        assertEquals(BigFraction.ZERO, Evaluation.exact(m.residual().orElseThrow(), point));
        assertTrue(Evaluation.exact(sharpness, point).compareTo(inf) >= 0, spec + " at " + point);
        sampled++;
      }
      assertEquals(50, sampled);
    }
  }

  @Test
  void everyItemIsPresentForEveryFamily() {
    List<String> keys = List.of("model", "loss", "gradient", "hessian", "gd", "ngd", "sqrtgd",
        "gdJacobianDeterminant", "invariants", "invariantSteps", "manifold", "sharpnessOnManifold",
        "infimumSharpness", "criticalStep", "gfs", "gfsSharpness");
    for (ModelSpec spec : MODELS) {
      assertEquals(keys, derive(spec).items().stream().map(Item::key).toList(), spec.toString());
    }
    for (String key : List.of("manifold", "gfs", "gfsSharpness", "criticalStep")) {
      assertEquals(Status.DERIVED, derive(scalar(3, null)).item(key).orElseThrow().status(), key);
      assertEquals(Status.DERIVED, derive(twoLayer(2, null)).item(key).orElseThrow().status(), key);
    }
    assertEquals(Status.NONE, derive(linear(2, 2, 2)).item("gfs").orElseThrow().status());
  }

  @Test
  void mapsAgreeWithTheModel() {
    Random random = new Random(41);
    for (ModelSpec spec : List.of(scalar(3, null), twoLayer(2, "y"), custom("(1+x^2)*y^2", "x", "y"))) {
      Derivation d = derive(spec);
      Model m = d.model();
      List<List<Expr>> maps = List.of(m.gdStep(), m.ngdStep(), m.sqrtGdStep());
      List<String> keys = List.of("gd", "ngd", "sqrtgd");
      for (int k = 0; k < 3; k++) {
        Map<String, Double> point = new LinkedHashMap<>();
        rationalPoint(m, random).forEach((v, q) -> point.put(v, Math.abs(q.doubleValue()) + 0.25));
        for (int which = 0; which < 3; which++) {
          Item item = d.item(keys.get(which)).orElseThrow();
          for (int i = 0; i < m.parameters().size(); i++) {
            double expected = Evaluation.approximate(maps.get(which).get(i), point);
            double actual = Evaluation.approximate(item.values().get(i).expr().orElseThrow(), point);
            assertEquals(expected, actual, 1e-9 * (1 + Math.abs(expected)), keys.get(which));
          }
        }
      }
    }
  }

  @Test
  void bigModelsAreBoundedNotHung() {
    Derivation d = derive(scalar(12, null));
    assertTrue(d.determinant().evidence().contains("skipped: too large"));
    assertEquals(Status.SKIPPED, d.item("invariantSteps").orElseThrow().status());
    assertEquals(11, d.invariants().size());
  }
}
