package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Fn;
import org.eoscheck.model.CustomModel;
import org.junit.jupiter.api.Test;

/** Backpropagation and the R-operator against symbolic differentiation of the same loss. */
class TanhNetworkTest {
  /** The loss of {@code net} written out as an expression (tiny networks only). */
  private static Expr lossExpr(TanhNetwork net) {
    List<Integer> w = net.widths();
    double[][] x = net.inputs();
    double[][] y = net.targets();
    List<Expr> terms = new ArrayList<>();
    for (int k = 0; k < x.length; k++) {
      List<Expr> a = new ArrayList<>();
      for (double xi : x[k]) {
        a.add(num(xi));
      }
      for (int l = 1; l < w.size(); l++) {
        List<Expr> next = new ArrayList<>();
        for (int i = 1; i <= w.get(l); i++) {
          List<Expr> sum = new ArrayList<>();
          for (int j = 1; j <= w.get(l - 1); j++) {
            sum.add(Expr.mul(Expr.var("W" + l + "_" + i + "_" + j), a.get(j - 1)));
          }
          sum.add(Expr.var("b" + l + "_" + i));
          Expr z = new Expr.Add(sum);
          next.add(l < w.size() - 1 ? new Expr.Call(Fn.TANH, List.of(z)) : z);
        }
        a = next;
      }
      for (int i = 0; i < a.size(); i++) {
        terms.add(Expr.pow(Expr.sub(a.get(i), num(y[k][i])), 2));
      }
    }
    return Expr.div(new Expr.Add(terms), Expr.num(2L * x.length));
  }

  private static Expr num(double v) {
    return new Expr.Num(BigFraction.from(v));
  }

  @Test
  void gradientAndHessianVectorProductsMatchSymbolicOnes() {
    for (List<Integer> widths : List.of(List.of(2, 3, 1), List.of(2, 3, 2, 2))) {
      TanhNetwork net = TanhNetwork.synthetic(widths, 3, 9);
      ExprDynamics symbolic = new ExprDynamics(new CustomModel(net.parameters(), lossExpr(net)));
      SplittableRandom random = new SplittableRandom(13);
      int n = net.dimension();
      for (int trial = 0; trial < 10; trial++) {
        double[] theta = net.randomPoint(random, 1.5);
        for (int i = 0; i < n; i++) {
          theta[i] += 0.3 * random.nextGaussian(); // biases too
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = random.nextGaussian();
        }
        assertEquals(symbolic.loss(theta), net.loss(theta), 1e-13);
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        double[] hv1 = new double[n];
        double[] hv2 = new double[n];
        symbolic.gradient(theta, g1);
        net.gradient(theta, g2);
        symbolic.hessianTimes(theta, v, hv1);
        net.hessianTimes(theta, v, hv2);
        for (int i = 0; i < n; i++) {
          assertEquals(g1[i], g2[i], 1e-12, net.parameters().get(i));
          assertEquals(hv1[i], hv2[i], 1e-11, net.parameters().get(i));
        }
      }
    }
  }

  private static double[] gaussian(SplittableRandom random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * random.nextGaussian();
    }
    return v;
  }

  /** Every entry of {@code actual} within {@code relative * (1 + max |expected|)} of {@code expected}. */
  private static void assertClose(double[] expected, double[] actual, double relative, String what) {
    double scale = 1;
    for (double x : expected) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], relative * scale, what + " [" + i + "]");
    }
  }

  /** Widths with no hidden layer, one, two and three, several outputs, sample counts not multiples of 4. */
  private static final List<List<Integer>> SHAPES = List.of(List.of(3, 2), List.of(2, 3, 1),
      List.of(4, 7, 5, 2), List.of(3, 6, 5, 4, 3), List.of(20, 9, 1));

  @Test
  void batchedPassesAgreeWithThePerSampleReference() {
    SplittableRandom random = new SplittableRandom(17);
    for (List<Integer> widths : SHAPES) {
      for (int samples : new int[] {1, 7, 33}) {
        TanhNetwork net = TanhNetwork.synthetic(widths, samples, samples);
        PerSampleTanhNetwork reference = new PerSampleTanhNetwork(net);
        int n = net.dimension();
        String what = widths + ", N = " + samples;
        for (int trial = 0; trial < 3; trial++) {
          double[] theta = net.randomPoint(random, 1.5);
          double[] shift = gaussian(random, n, 0.3);
          for (int i = 0; i < n; i++) {
            theta[i] += shift[i];
          }
          assertEquals(reference.loss(theta), net.loss(theta),
              1e-13 * Math.max(1, reference.loss(theta)), what);
          double[] g1 = new double[n];
          double[] g2 = new double[n];
          reference.gradient(theta, g1);
          net.gradient(theta, g2);
          assertClose(g1, g2, 1e-13, "gradient, " + what);
          // The operator at theta is applied several times: its scratch space must not leak.
          Lanczos.Operator h = net.hessianAt(theta);
          for (int product = 0; product < 3; product++) {
            double[] v = gaussian(random, n, 1);
            double[] hv1 = new double[n];
            double[] hv2 = new double[n];
            double[] hv3 = new double[n];
            reference.hessianTimes(theta, v, hv1);
            h.apply(v, hv2);
            net.hessianTimes(theta, v, hv3);
            assertClose(hv1, hv2, 1e-13, "Hess L v at theta, " + what);
            assertClose(hv1, hv3, 1e-13, "Hess L v, " + what);
          }
        }
      }
    }
  }

  /** Hess L v = d/dt grad L(theta + t v) at t = 0, by a central difference (error O(t^2)). */
  @Test
  void hessianVectorProductsAreDirectionalDerivativesOfTheGradient() {
    TanhNetwork net = TanhNetwork.synthetic(List.of(6, 16, 12, 3), 50, 5);
    SplittableRandom random = new SplittableRandom(19);
    int n = net.dimension();
    for (int trial = 0; trial < 3; trial++) {
      double[] theta = net.randomPoint(random, 1.2);
      double[] v = gaussian(random, n, 1);
      double t = 1e-5;
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      for (int i = 0; i < n; i++) {
        plus[i] += t * v[i];
        minus[i] -= t * v[i];
      }
      double[] gPlus = new double[n];
      double[] gMinus = new double[n];
      net.gradient(plus, gPlus);
      net.gradient(minus, gMinus);
      double[] difference = new double[n];
      for (int i = 0; i < n; i++) {
        difference[i] = (gPlus[i] - gMinus[i]) / (2 * t);
      }
      double[] hv = new double[n];
      net.hessianTimes(theta, v, hv);
      assertClose(hv, difference, 1e-7, "central difference of the gradient");
    }
  }

  @Test
  void syntheticDataDependOnlyOnTheSeed() {
    TanhNetwork a = TanhNetwork.synthetic(List.of(2, 4, 1), 5, 42);
    TanhNetwork b = TanhNetwork.synthetic(List.of(2, 4, 1), 5, 42);
    TanhNetwork c = TanhNetwork.synthetic(List.of(2, 4, 1), 5, 43);
    assertEquals(a.targets()[3][0], b.targets()[3][0]);
    org.junit.jupiter.api.Assertions.assertNotEquals(a.targets()[3][0], c.targets()[3][0]);
    assertEquals(List.of("W1_1_1", "W1_1_2"), a.parameters().subList(0, 2));
    assertEquals(4 * 2 + 4 + 4 + 1, a.dimension());
  }
}
