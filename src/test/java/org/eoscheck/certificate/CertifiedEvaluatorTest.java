package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.CertifiedEvaluator.Differentiated;
import org.eoscheck.certificate.CertifiedEvaluator.Form;
import org.eoscheck.certificate.CertifiedEvaluator.Undefined;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.junit.jupiter.api.Test;

class CertifiedEvaluatorTest {
  private static final List<String> VARS = List.of("x", "y");
  private final CertifiedEvaluator ev = new CertifiedEvaluator();

  /** Exact value of a rational expression, or null where a divisor is 0 (independent of the kernel). */
  static BigFraction exact(Expr e, Map<String, BigFraction> at) {
    if (e instanceof Expr.Num n) {
      return n.value();
    }
    if (e instanceof Expr.Var v) {
      return at.get(v.name());
    }
    if (e instanceof Expr.Neg n) {
      BigFraction a = exact(n.arg(), at);
      return a == null ? null : a.negate();
    }
    if (e instanceof Expr.Add a) {
      BigFraction s = BigFraction.ZERO;
      for (Expr t : a.terms()) {
        BigFraction x = exact(t, at);
        if (x == null) {
          return null;
        }
        s = s.add(x);
      }
      return s;
    }
    if (e instanceof Expr.Mul m) {
      BigFraction p = BigFraction.ONE;
      for (Expr t : m.factors()) {
        BigFraction x = exact(t, at);
        if (x == null) {
          return null;
        }
        p = p.multiply(x);
      }
      return p;
    }
    if (e instanceof Expr.Div d) {
      BigFraction a = exact(d.num(), at);
      BigFraction b = exact(d.den(), at);
      return a == null || b == null || b.signum() == 0 ? null : a.divide(b);
    }
    Expr.Pow p = (Expr.Pow) e;
    BigFraction b = exact(p.base(), at);
    return b == null || (p.exponent() < 0 && b.signum() == 0) ? null : b.pow(p.exponent());
  }

  static Expr random(Random rnd, int depth) {
    if (depth == 0 || rnd.nextInt(4) == 0) {
      return rnd.nextBoolean() ? Expr.var(VARS.get(rnd.nextInt(2)))
          : Expr.Num.of(rnd.nextInt(21) - 10, 1 + rnd.nextInt(7));
    }
    switch (rnd.nextInt(6)) {
      case 0:
        return Expr.add(random(rnd, depth - 1), random(rnd, depth - 1));
      case 1:
        return Expr.mul(random(rnd, depth - 1), random(rnd, depth - 1), random(rnd, depth - 1));
      case 2:
        return new Expr.Neg(random(rnd, depth - 1));
      case 3:
        return Expr.div(random(rnd, depth - 1), random(rnd, depth - 1));
      default:
        return Expr.pow(random(rnd, depth - 1), rnd.nextInt(7) - 2);
    }
  }

  static BigFraction randomRational(Random rnd) {
    return BigFraction.of(rnd.nextInt(401) - 200, 1 + rnd.nextInt(97));
  }

  @Test
  void enclosesExactValuesOfRandomRationalExpressionsAtRandomPoints() throws Exception {
    Random rnd = new Random(20260401);
    int checked = 0;
    for (int i = 0; i < 3000; i++) {
      Expr e = random(rnd, 4);
      Map<String, BigFraction> at = Map.of("x", randomRational(rnd), "y", randomRational(rnd));
      BigFraction value = exact(e, at);
      Map<String, Bounds> point = new LinkedHashMap<>();
      at.forEach((v, q) -> point.put(v, Bounds.point(q)));
      CertifiedInterval x;
      try {
        x = ev.enclose(e, point);
      } catch (Undefined u) {
        continue;
      }
      assertTrue(value != null, () -> "defined enclosure where the expression is undefined: " + e.text());
      assertTrue(x.contains(value), () -> e.text() + " at " + at + ": " + value + " not in " + x);
      // the rational-function conversion agrees with direct evaluation
      RationalFunction rf = RationalFunction.of(e);
      assertEquals(value, rf.num().at(at).divide(rf.den().at(at)), e.text());
      checked++;
    }
    assertTrue(checked > 2000, "only " + checked + " defined samples");
  }

  @Test
  void boxEnclosureContainsValuesAtRandomPointsOfTheBox() throws Exception {
    Random rnd = new Random(7);
    int checked = 0;
    for (int i = 0; i < 500; i++) {
      Expr e = random(rnd, 3);
      Map<String, Bounds> box = new LinkedHashMap<>();
      for (String v : VARS) {
        BigFraction lo = randomRational(rnd);
        box.put(v, new Bounds(lo, lo.add(BigFraction.of(1 + rnd.nextInt(5), 1 + rnd.nextInt(20)))));
      }
      Differentiated d = Differentiated.of(e, VARS);
      for (Form form : Form.values()) {
        CertifiedInterval x;
        try {
          x = ev.enclose(form, d, box);
        } catch (Undefined u) {
          continue;
        }
        for (int k = 0; k < 5; k++) {
          Map<String, BigFraction> at = new LinkedHashMap<>();
          box.forEach((v, b) -> at.put(v, b.lo().add(b.width().multiply(BigFraction.of(rnd.nextInt(11), 10)))));
          BigFraction value = exact(e, at);
          assertTrue(value != null && x.contains(value),
              () -> form + " " + e.text() + " on " + box + " at " + at + ": " + value + " not in " + x);
          checked++;
        }
      }
    }
    assertTrue(checked > 2500, "only " + checked);
  }

  private static Map<String, Bounds> box1(String lo, String hi) {
    return Map.of("x", new Bounds(SampleLog.q(lo), SampleLog.q(hi)));
  }

  private CertifiedInterval enclose(String expr, String lo, String hi) throws Exception {
    return ev.enclose(ExprParser.parse(expr), box1(lo, hi));
  }

  @Test
  void evenPowersAreNonNegativeAndSquareRootsAreCorrectlyRounded() throws Exception {
    assertEquals(0, enclose("x^2", "-1", "2").lo().signum());
    assertEquals(new BigDecimal("4"), enclose("x^2", "-1", "2").hi().stripTrailingZeros());
    assertEquals(0, enclose("x^4 + 0", "-1/3", "1/7").lo().signum());
    CertifiedInterval r = enclose("sqrt(x)", "2", "2");
    assertTrue(r.lo().multiply(r.lo()).compareTo(BigDecimal.valueOf(2)) <= 0);
    assertTrue(r.hi().multiply(r.hi()).compareTo(BigDecimal.valueOf(2)) >= 0);
    assertTrue(r.hi().subtract(r.lo()).compareTo(new BigDecimal("1e-38")) < 0);
    CertifiedInterval third = enclose("x^3", "-1/3", "-1/3");
    assertTrue(third.contains(BigFraction.of(-1, 27)) && third.hi().signum() < 0);
    assertEquals(new CertifiedInterval(new BigDecimal("3"), new BigDecimal("3")),
        enclose("sqrt(x)", "9", "9"));
  }

  @Test
  void domainViolationsAreUndefinedNeverNumbers() {
    String[][] cases = {{"1/x", "-1", "1", "divisor possibly 0"}, {"sqrt(x)", "-1/10", "1", "sqrt"},
        {"x^(-2)", "0", "1", "divisor possibly 0"}, {"gfsShift(x, 1, 2)", "0", "1", "gfsShift target"},
        {"log(x)", "0", "1", "log of a possibly non-positive number"},
        {"exp(x)", "0", "10000000", "above 2^20"}};
    for (String[] c : cases) {
      Undefined u = assertThrows(Undefined.class, () -> enclose(c[0], c[1], c[2]), c[0]);
      assertTrue(u.getMessage().contains(c[3]), u.getMessage());
    }
  }

  /** phi(w) = y^2 sum_i 1/(w_i^2 + delta*), y = 1 (shared/maths.md section 1). */
  private CertifiedInterval phi(String... w) throws Exception {
    List<String> u = new ArrayList<>();
    for (String wi : w) {
      u.add("(" + wi + ")^2");
    }
    String delta = "gfsShift(1, " + String.join(", ", u) + ")";
    List<String> terms = new ArrayList<>();
    for (String ui : u) {
      terms.add("1/(" + ui + " + " + delta + ")");
    }
    return ev.enclose(ExprParser.parse(String.join(" + ", terms)), Map.of());
  }

  private static void assertNear(String reference, CertifiedInterval x) {
    BigDecimal ref = new BigDecimal(reference);
    BigDecimal tolerance = new BigDecimal("1e-" + (reference.length() - reference.indexOf('.') - 1));
    assertTrue(x.lo().subtract(ref).abs().compareTo(tolerance) < 0
        && x.hi().subtract(ref).abs().compareTo(tolerance) < 0, reference + " vs " + x);
    assertTrue(x.hi().subtract(x.lo()).compareTo(new BigDecimal("1e-30")) < 0, x.toString());
  }

  @Test
  void gfsSharpnessEnclosesTheReferenceValues() throws Exception {
    assertNear("4.04188906600158209311", phi("1", "1", "2"));
    assertNear("24.9047565050815553650", phi("1", "2", "3"));
    assertNear("4.89284914610488827298", phi("1", "1", "1", "2"));
    assertTrue(phi("2", "1/2").contains(BigFraction.of(17, 4)));
    CertifiedInterval s13 = phi("2", "1");
    assertTrue(s13.lo().pow(2).compareTo(BigDecimal.valueOf(13)) <= 0
        && s13.hi().pow(2).compareTo(BigDecimal.valueOf(13)) >= 0, s13.toString());
  }

  @Test
  void gfsShiftOnABoxContainsThePointValues() throws Exception {
    Expr e = ExprParser.parse("gfsShift(y, x^2, 1, x + 2)");
    Map<String, Bounds> box = Map.of("x", new Bounds(SampleLog.q("1/3"), SampleLog.q("2")),
        "y", new Bounds(SampleLog.q("1/2"), SampleLog.q("3")));
    CertifiedInterval whole = ev.enclose(e, box);
    Random rnd = new Random(3);
    for (int i = 0; i < 50; i++) {
      BigFraction x = BigFraction.of(1, 3).add(BigFraction.of(rnd.nextInt(100), 60));
      BigFraction y = BigFraction.of(1, 2).add(BigFraction.of(rnd.nextInt(100), 40));
      CertifiedInterval p = ev.enclose(e, Map.of("x", Bounds.point(x), "y", Bounds.point(y)));
      assertTrue(whole.lo().compareTo(p.lo()) <= 0 && p.hi().compareTo(whole.hi()) <= 0);
      // delta solves prod(u_i + delta) = y: check the residual sign at the bracket ends
      BigFraction lo = CertifiedInterval.exact(p.lo());
      BigFraction hi = CertifiedInterval.exact(p.hi());
      BigFraction[] u = {x.multiply(x), BigFraction.ONE, x.add(2)};
      BigFraction pl = BigFraction.ONE;
      BigFraction ph = BigFraction.ONE;
      for (BigFraction ui : u) {
        pl = pl.multiply(ui.add(lo));
        ph = ph.multiply(ui.add(hi));
      }
      assertTrue(pl.compareTo(y) <= 0 && ph.compareTo(y) >= 0);
    }
  }

  @Test
  void formsAreTighterWhereTheyShouldBe() throws Exception {
    Differentiated cancel = Differentiated.of(ExprParser.parse("x - x"), List.of("x"));
    assertEquals(-1, ev.enclose(Form.NATURAL, cancel, box1("0", "1")).lo().signum());
    CertifiedInterval mv = ev.enclose(Form.MEAN_VALUE, cancel, box1("0", "1"));
    assertEquals(0, mv.lo().signum());
    assertEquals(0, mv.hi().signum());
    Differentiated f = Differentiated.of(ExprParser.parse("x^2 - x"), List.of("x"));
    CertifiedInterval mono = ev.enclose(Form.MONOTONE, f, box1("2", "3"));
    assertEquals(0, mono.lo().compareTo(BigDecimal.valueOf(2)));
    assertEquals(0, mono.hi().compareTo(BigDecimal.valueOf(6)));
    assertEquals(0, ev.enclose(Form.NATURAL, f, box1("2", "3")).lo().compareTo(BigDecimal.ONE));
    // combined: x*(1 - x) on [0, 1/4] has range [0, 3/16]; natural gives [0, 1/4], the
    // monotone bound pins x (derivative 1 - 2x >= 1/2) and the mean-value form tightens it
    Differentiated q = Differentiated.of(ExprParser.parse("x*(1 - x)"), List.of("x"));
    CertifiedInterval nat = ev.enclose(Form.NATURAL, q, box1("0", "1/4"));
    CertifiedInterval all = ev.enclose(Form.COMBINED, q, box1("0", "1/4"));
    assertEquals(0, nat.hi().compareTo(new BigDecimal("0.25")));
    assertEquals(0, all.lo().signum());
    assertEquals(0, all.hi().compareTo(new BigDecimal("0.1875")), all.toString());
    Differentiated m = Differentiated.of(ExprParser.parse("max(x, 1)"), List.of("x"));
    assertEquals(0, ev.enclose(Form.COMBINED, m, box1("0", "2")).hi().compareTo(BigDecimal.valueOf(2)));
    assertThrows(Undefined.class, () -> ev.enclose(Form.MEAN_VALUE, m, box1("0", "2")));
  }
}
