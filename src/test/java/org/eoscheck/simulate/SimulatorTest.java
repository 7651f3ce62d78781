package org.eoscheck.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.CompiledExpr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.Model;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.model.TwoLayerNetwork;
import org.junit.jupiter.api.Test;
import org.eoscheck.report.SimulationText;

class SimulatorTest {
  private static final MathContext MC = new MathContext(80);

  private static List<BigFraction> point(double... x) {
    List<BigFraction> p = new ArrayList<>();
    for (double v : x) {
      p.add(BigFraction.from(v));
    }
    return p;
  }

  private static BigDecimal eta(SimulationOptions o) {
    return new BigDecimal(o.eta().getNumerator()).divide(new BigDecimal(o.eta().getDenominator()), MC);
  }

  private static void assertClose(BigDecimal expected, BigDecimal actual, double relative) {
    BigDecimal error = expected.subtract(actual).abs();
    BigDecimal bound = expected.abs().max(BigDecimal.ONE).multiply(new BigDecimal(relative));
    assertTrue(error.compareTo(bound) <= 0, "expected " + expected + " got " + actual);
  }

  @Test
  void exactScalarStepsMultiplyEveryBalance() {
    // (w_i+)^2 - (w_j+)^2 = (w_i^2 - w_j^2)(1 - eta^2 (pi-1)^2 pi^2 / (w_i^2 w_j^2)), all D.
    for (double[] init : new double[][] {{1.5, 0.5, 1.2}, {0.3, 1.1, -0.9, 1.4}}) {
      ScalarNetwork net = new ScalarNetwork(init.length, Exprs.ONE);
      SimulationOptions o = SimulationOptions.gd(BigFraction.of(3, 10), 40).exact(50);
      Trajectory t = Simulator.of(net, o).run(point(init), null);
      assertTrue(t.records().size() > 30);
      BigDecimal h = eta(o);
      for (int k = 0; k + 1 < t.records().size(); k++) {
        List<BigDecimal> w = t.records().get(k).exactTheta();
        List<BigDecimal> next = t.records().get(k + 1).exactTheta();
        BigDecimal pi = w.stream().reduce(BigDecimal.ONE, (a, b) -> a.multiply(b, MC));
        BigDecimal c = h.multiply(pi.subtract(BigDecimal.ONE), MC).multiply(pi, MC).pow(2, MC);
        for (int i = 0; i < w.size(); i++) {
          for (int j = i + 1; j < w.size(); j++) {
            BigDecimal ui = w.get(i).pow(2, MC);
            BigDecimal uj = w.get(j).pow(2, MC);
            BigDecimal expected = ui.subtract(uj, MC)
                .multiply(BigDecimal.ONE.subtract(c.divide(ui.multiply(uj, MC), MC), MC), MC);
            BigDecimal actual = next.get(i).pow(2, MC).subtract(next.get(j).pow(2, MC), MC);
            assertClose(expected, actual, 1e-44);
          }
        }
        // The recorded change (exact arithmetic, converted to double) is the same difference.
        double recorded = t.records().get(k + 1).invariantChanges()[0];
        BigDecimal b0 = w.get(0).pow(2, MC).subtract(w.get(1).pow(2, MC), MC);
        BigDecimal b1 = next.get(0).pow(2, MC).subtract(next.get(1).pow(2, MC), MC);
        assertEquals(b1.subtract(b0).doubleValue(), recorded, 1e-40 + 1e-12 * Math.abs(recorded));
      }
    }
  }

  @Test
  void exactTwoLayerStepsScaleQAndP() {
    // Q+ = (1 - eta^2 eps^2) Q, P+ = (1 - eta^2 eps^2)^2 P (Beneventano, Woodworth 2025).
    TwoLayerNetwork net = new TwoLayerNetwork(2, Exprs.ONE);
    SimulationOptions o = SimulationOptions.gd(BigFraction.of(1, 5), 60).exact(50);
    Trajectory t = Simulator.of(net, o).run(point(1.2, -0.3, 0.4, 0.9), null);
    assertEquals(List.of("Q", "P"), t.invariantNames());
    BigDecimal h = eta(o);
    for (int k = 0; k + 1 < t.records().size(); k++) {
      List<BigDecimal> x = t.records().get(k).exactTheta();
      List<BigDecimal> y = t.records().get(k + 1).exactTheta();
      BigDecimal eps = x.get(0).multiply(x.get(2), MC).add(x.get(1).multiply(x.get(3), MC), MC)
          .subtract(BigDecimal.ONE, MC);
      BigDecimal m = BigDecimal.ONE.subtract(h.multiply(eps, MC).pow(2, MC), MC);
      assertClose(q(x).multiply(m, MC), q(y), 1e-44);
      assertClose(p(x).multiply(m.pow(2, MC), MC), p(y), 1e-44);
    }
  }

  private static BigDecimal q(List<BigDecimal> x) {
    return x.get(0).pow(2).add(x.get(1).pow(2)).subtract(x.get(2).pow(2)).subtract(x.get(3).pow(2));
  }

  private static BigDecimal p(List<BigDecimal> x) {
    BigDecimal plus = x.get(0).add(x.get(2)).pow(2).add(x.get(1).add(x.get(3)).pow(2));
    BigDecimal minus = x.get(0).subtract(x.get(2)).pow(2).add(x.get(1).subtract(x.get(3)).pow(2));
    return plus.multiply(minus, MC);
  }

  @Test
  void exactDepthTwoPhiFollowsItsOneStepIdentity() {
    // phi(GD(w))^2 - phi(w)^2 = b^2 eta^2 r^2 (eta^2 r^2 - 2): phi falls iff eta |r| <= sqrt 2.
    ScalarNetwork net = new ScalarNetwork(2, Exprs.ONE);
    SimulationOptions o = SimulationOptions.gd(BigFraction.of(9, 10), 30).exact(60);
    Trajectory t = Simulator.of(net, o).run(point(2.2, 0.1), null);
    BigDecimal h = eta(o);
    int rises = 0;
    for (int k = 0; k + 1 < t.records().size(); k++) {
      List<BigDecimal> w = t.records().get(k).exactTheta();
      List<BigDecimal> next = t.records().get(k + 1).exactTheta();
      BigDecimal b = w.get(0).pow(2).subtract(w.get(1).pow(2));
      BigDecimal r = w.get(0).multiply(w.get(1)).subtract(BigDecimal.ONE);
      BigDecimal hr2 = h.multiply(r, MC).pow(2, MC);
      BigDecimal expected = b.pow(2).multiply(hr2, MC).multiply(hr2.subtract(BigDecimal.valueOf(2)), MC);
      BigDecimal bNext = next.get(0).pow(2).subtract(next.get(1).pow(2));
      assertClose(expected, bNext.pow(2).subtract(b.pow(2)), 1e-54);
      double change = t.records().get(k + 1).phiChange();
      if (hr2.compareTo(BigDecimal.valueOf(2)) > 0) {
        assertTrue(change > 0, "eta |r| > sqrt 2 raises phi");
        rises++;
      } else {
        assertTrue(change <= 1e-55, "eta |r| <= sqrt 2 does not raise phi: " + change);
      }
    }
    assertTrue(rises >= 1, "this start has a catapult step with eta |r| > sqrt 2");
  }

  @Test
  void exactModeShowsNoSpuriousIncreaseOfPhiWhereDoubleDoes() {
    // D = 3: one step does not raise phi when eta^2 (pi-1)^2 pi^2 <= u_(1) u_(2) (maths.md 1).
    ScalarNetwork net = new ScalarNetwork(3, Exprs.ONE);
    SimulationOptions d = SimulationOptions.gd(BigFraction.of(3, 5), 6000);
    SimulationOptions e = d.exact(50).withTolerance(1e-30);
    List<BigFraction> start = point(1.6, 0.4, 1.2);
    Trajectory exact = Simulator.of(net, e).run(start, null);
    Trajectory dbl = Simulator.of(net, d).run(start, null);
    assertEquals(Outcome.CONVERGED, exact.outcome());
    double h = d.etaValue();
    int checked = 0;
    for (int k = 0; k + 1 < exact.records().size(); k++) {
      double[] w = exact.records().get(k).theta();
      double pi = w[0] * w[1] * w[2];
      double[] u = {w[0] * w[0], w[1] * w[1], w[2] * w[2]};
      java.util.Arrays.sort(u);
      if (h * h * Math.pow((pi - 1) * pi, 2) <= 0.99 * u[0] * u[1]) {
        StepRecord next = exact.records().get(k + 1);
        assertTrue(next.phiChange() <= SimulationText.resolution(next.phi(), e),
            "step " + k + ": " + next.phiChange());
        checked++;
      }
    }
    assertTrue(checked > 100);
    long doubleRises = dbl.records().stream().filter(r -> r.phiChange() > 0 && r.step() > 200).count();
    assertTrue(doubleRises > 0, "double precision shows rounding-level increases near convergence");
    assertNull(dbl.last().exactTheta());
    assertNotNull(exact.last().exactTheta());
    assertEquals(dbl.last().phi(), exact.last().phi(), 1e-12);
  }

  @Test
  void twoLayerReferenceRun() {
    // shared/maths.md 3: d = 1, Phi = 1, a0 = 2, b0 = 0.1; ratio of GD to GF solution sharpness.
    TwoLayerNetwork net = new TwoLayerNetwork(1, Exprs.ONE);
    double[] etas = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    double[] ratios = {0.9965, 0.9921, 0.9789, 0.9520, 0.8701, 0.6451, 0.4531};
    for (int i = 0; i < etas.length; i++) {
      SimulationOptions o = SimulationOptions.gd(BigFraction.from(etas[i]), 20000)
          .withEvery(Integer.MAX_VALUE);
      Trajectory t = Simulator.of(net, o).run(point(2, 0.1), null);
      assertEquals(Outcome.CONVERGED, t.outcome(), "eta " + etas[i]);
      assertEquals(4.463194, t.first().phi(), 5e-7);
      assertEquals(ratios[i], t.last().sharpness() / t.first().phi(), 6e-5, "eta " + etas[i]);
      // At a minimum the sharpness is |a|^2 + |b|^2.
      double[] x = t.last().theta();
      assertEquals(x[0] * x[0] + x[1] * x[1], t.last().sharpness(), 1e-9);
    }
    SimulationOptions big = SimulationOptions.gd(BigFraction.of(9, 10), 20000);
    assertEquals(Outcome.DIVERGED, Simulator.of(net, big).run(point(2, 0.1), null).outcome());
  }

  @Test
  void normalisedAndSqrtStepsAreTheModelsSymbolicMaps() {
    List<Model> models = List.of(new ScalarNetwork(3, Exprs.ONE), new TwoLayerNetwork(2, Exprs.ONE));
    double[][] points = {{1.3, -0.4, 0.8}, {0.7, 1.1, -0.2, 0.5}};
    double eta = 0.07;
    for (int m = 0; m < models.size(); m++) {
      Model model = models.get(m);
      List<String> vars = new ArrayList<>(model.parameters());
      vars.add(Model.ETA);
      double[] x = points[m];
      double[] withEta = java.util.Arrays.copyOf(x, x.length + 1);
      withEta[x.length] = eta;
      Dynamics d = Simulator.dynamicsOf(model);
      for (Method method : Method.values()) {
        double[] expected = CompiledExpr.compile(method.map(model), vars).evalAll(withEta);
        double[] actual = new double[x.length];
        method.step(d, eta, x, new double[x.length], actual);
        for (int i = 0; i < x.length; i++) {
          assertEquals(expected[i], actual[i], 1e-13, method + " " + model.family());
        }
      }
    }
  }

  @Test
  void recordsEveryKthStepWithOneStepChanges() {
    ScalarNetwork net = new ScalarNetwork(2, Exprs.ONE);
    SimulationOptions o = SimulationOptions.gd(BigFraction.of(1, 4), 23).withEvery(5)
        .withStopEarly(false);
    Trajectory t = Simulator.of(net, o).run(point(1.5, 0.2), null);
    assertEquals(List.of(0, 5, 10, 15, 20, 23), t.records().stream().map(StepRecord::step).toList());
    assertEquals(Outcome.BOUNDED, t.outcome());
    // Replay by hand: the change at step 10 is b(theta_10) - b(theta_9).
    double[] w = {1.5, 0.2};
    double previous = Double.NaN;
    for (int step = 1; step <= 10; step++) {
      double r = w[0] * w[1] - 1;
      previous = w[0] * w[0] - w[1] * w[1];
      w = new double[] {w[0] - 0.25 * r * w[1], w[1] - 0.25 * r * w[0]};
    }
    StepRecord ten = t.records().get(2);
    assertEquals(w[0], ten.theta()[0], 1e-14);
    assertEquals(w[0] * w[0] - w[1] * w[1] - previous, ten.invariantChanges()[0], 1e-14);
    assertTrue(Double.isNaN(t.first().invariantChanges()[0]));
    assertTrue(Double.isNaN(t.first().phiChange()));
  }

  @Test
  void outcomes() {
    ScalarNetwork net = new ScalarNetwork(2, Exprs.ONE);
    // Above 2/D = 1 no minimiser is stable: GD settles on a 2-cycle.
    Trajectory cycle = Simulator.of(net, SimulationOptions.gd(BigFraction.of(101, 100), 6000)
        .withEvery(Integer.MAX_VALUE)).run(point(1.5, 0.4), null);
    assertEquals(Outcome.PERIOD_TWO, cycle.outcome());
    Trajectory far = Simulator.of(net, SimulationOptions.gd(BigFraction.of(3), 100))
        .run(point(2, 0.1), null);
    assertEquals(Outcome.DIVERGED, far.outcome());
    assertTrue(far.stepsRun() < 100);
    Trajectory converged = Simulator.of(net, SimulationOptions.gd(BigFraction.of(1, 2), 6000))
        .run(point(1.5, 0.4), null);
    assertEquals(Outcome.CONVERGED, converged.outcome());
    assertTrue(converged.last().loss() < 1e-20);
    Trajectory shortRun = Simulator.of(net, SimulationOptions.gd(BigFraction.of(1, 2), 5))
        .run(point(1.5, 0.4), null);
    assertEquals(Outcome.BOUNDED, shortRun.outcome());
  }
}
