package org.eoscheck.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;
import org.eoscheck.model.LinearNetwork;
import org.eoscheck.model.Model;
import org.eoscheck.model.ScalarNetwork;
import org.eoscheck.model.TwoLayerNetwork;
import org.eoscheck.symbolic.Derivation.Item;
import org.eoscheck.symbolic.Derivation.Status;
import org.eoscheck.symbolic.Derivation.Value;
import org.eoscheck.symbolic.PointCheck.Result;

/**
 * The family-specific items: the minimiser manifold, the sharpness on it, its infimum and the
 * critical step eta* = 2 / inf (Craciun, Ghoshdastidar 2024), and the gradient-flow solution with
 * its sharpness phi (Kreisler et al. 2023 for scalar networks; Beneventano, Woodworth 2025 for the
 * two-layer network). Closed forms are checked at random points where that is possible.
 */
final class MinimiserFacts {
  private final Deriver d;
  private final Model model;
  private final List<List<Expr>> hessian;

  MinimiserFacts(Deriver d, List<List<Expr>> hessian) {
    this.d = d;
    this.model = d.model;
    this.hessian = hessian;
  }

  List<Item> items() {
    if (model instanceof ScalarNetwork s) {
      return chain(s.target());
    }
    if (model instanceof LinearNetwork l && l.dims().stream().allMatch(n -> n == 1)) {
      return chain(l.targetMatrix().get(0).get(0));
    }
    if (model instanceof TwoLayerNetwork t) {
      return twoLayer(t);
    }
    if (model instanceof LinearNetwork l) {
      return matrixLayers(l);
    }
    String why = "not derived for custom losses: no closed form is known";
    return List.of(none("manifold", why), none("sharpnessOnManifold", why),
        none("infimumSharpness", why), none("criticalStep", why), none("gfs", why),
        none("gfsSharpness", why));
  }

  private static Item none(String key, String why) {
    return new Item(key, title(key), Status.NONE, List.of(), Optional.empty(), List.of(why));
  }

  private static String title(String key) {
    return switch (key) {
      case "manifold" -> "minimiser manifold";
      case "sharpnessOnManifold" -> "sharpness lambda_max(Hess L) on the minimiser manifold";
      case "infimumSharpness" -> "infimum of the sharpness over minimisers";
      case "criticalStep" -> "critical step eta* = 2 / inf";
      case "gfs" -> "gradient-flow solution (limit of gradient flow from theta)";
      default -> "sharpness phi of the gradient-flow solution";
    };
  }

  private static Item item(String key, List<Value> values, List<String> notes) {
    return new Item(key, title(key), Status.DERIVED, values, Optional.empty(), notes);
  }

  // ---- scalar networks and linear chains: pi = w1 ... wD, L = (pi - y)^2 / 2 ----

  private List<Item> chain(Expr y) {
    List<String> w = model.parameters();
    int depth = w.size();
    Expr pi = model.product().orElseThrow();
    List<Item> items = new ArrayList<>();
    items.add(item("manifold", List.of(Value.relation("M", "\\mathcal{M}",
        new Relation(pi, Rel.EQ, y))), List.of("the minimisers: pi(w) = y")));

    List<Value> sharpness = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Expr gradNorm = gradientNormOfProduct(pi, notes);
    sharpness.add(Value.of("lambda_max on M", "\\lambda_{\\max}\\big|_{\\mathcal{M}}", gradNorm));
    List<Expr> inverses = w.stream().map(x -> Expr.div(Exprs.ONE, Expr.pow(Expr.var(x), 2))).toList();
    Expr onM = Exprs.simplify(Expr.mul(Expr.pow(y, 2),
        inverses.size() == 1 ? inverses.get(0) : new Expr.Add(inverses)));
    sharpness.add(Value.of("lambda_max on M (pi = y)", "\\lambda_{\\max}\\big|_{\\pi = y}", onM));
    notes.add("on M: y^2 sum_i 1/w_i^2 = |grad pi|^2 " + onManifold(gradNorm, onM));
    items.add(item("sharpnessOnManifold", sharpness, notes));

    Value[] inf = chainInfimum(depth, y);
    items.add(item("infimumSharpness", List.of(inf[0]), List.of("AM-GM: sum_i 1/w_i^2 >= D "
        + "(prod_i 1/w_i^2)^(1/D) = D |y|^(-2/D), with equality iff every w_i^2 = |y|^(2/D)")));
    items.add(item("criticalStep", List.of(inf[1]), List.of("no minimiser is linearly stable for"
        + " eta > eta* (Kreisler et al. 2023; Craciun, Ghoshdastidar 2024)")));
    items.addAll(chainFlow(w, y));
    return items;
  }

  /** |grad pi|^2, which is lambda_max on M because Hess L = grad pi grad pi^T where pi = y. */
  private Expr gradientNormOfProduct(Expr pi, List<String> notes) {
    List<Expr> grad = Derivative.gradient(pi, model.parameters());
    Expr norm = d.new Tidier().apply(new Expr.Add(grad.stream().map(g -> Expr.pow(g, 2)).toList()));
    // Check Hess L = grad pi grad pi^T (rank one, so lambda_max = |grad pi|^2) at points of M.
    int agreed = 0;
    Random random = Deriver.random(grad);
    for (int attempt = 0; attempt < 30 && agreed < Deriver.CHECK_POINTS; attempt++) {
      Optional<Map<String, BigFraction>> point = pointOnManifold(random);
      if (point.isEmpty()) {
        continue;
      }
      try {
        for (int i = 0; i < grad.size(); i++) {
          for (int j = 0; j < grad.size(); j++) {
            BigFraction h = Evaluation.exact(hessian.get(i).get(j), point.get());
            BigFraction gg = Evaluation.exact(grad.get(i), point.get())
                .multiply(Evaluation.exact(grad.get(j), point.get()));
            if (!h.equals(gg)) {
              notes.add("Hess L != grad pi grad pi^T at " + PointCheck.pointText(point.get()));
              return norm;
            }
          }
        }
        agreed++;
      } catch (ArithmeticException | Evaluation.NotRepresentable skip) {
        // try another point
      }
    }
    notes.add("Hess L = grad pi grad pi^T on M (checked exactly at " + agreed + " random rational"
        + " points of M), so lambda_max = |grad pi|^2");
    return norm;
  }

  /** A random rational point of M = {pi = target}: solve for the last (chain) or b1 (two-layer). */
  private Optional<Map<String, BigFraction>> pointOnManifold(Random random) {
    Map<String, BigFraction> point = PointCheck.randomPoint(d.variables, random);
    Expr pi = model.product().orElseThrow();
    Expr residual = model.residual().orElseThrow();
    // residual is affine in the solved coordinate: r(x) = r(0) + x r'(x)
    String solved = model instanceof TwoLayerNetwork ? "b1"
        : model.parameters().get(model.parameters().size() - 1);
    try {
      Expr slope = Derivative.of(pi, solved);
      BigFraction s = Evaluation.exact(slope, point);
      if (s.signum() == 0) {
        return Optional.empty();
      }
      point.put(solved, BigFraction.ZERO);
      BigFraction r0 = Evaluation.exact(residual, point);
      point.put(solved, r0.negate().divide(s));
      return Evaluation.exact(residual, point).signum() == 0 ? Optional.of(point) : Optional.empty();
    } catch (ArithmeticException | Evaluation.NotRepresentable e) {
      return Optional.empty();
    }
  }

  /** "(equal exactly at 3 random rational points of M)" or what went wrong. */
  private String onManifold(Expr a, Expr b) {
    Random random = Deriver.random(b);
    int agreed = 0;
    for (int attempt = 0; attempt < 30 && agreed < Deriver.CHECK_POINTS; attempt++) {
      Optional<Map<String, BigFraction>> point = pointOnManifold(random);
      if (point.isEmpty()) {
        continue;
      }
      try {
        if (!Evaluation.exact(a, point.get()).equals(Evaluation.exact(b, point.get()))) {
          return "(DIFFERS at " + PointCheck.pointText(point.get()) + ")";
        }
        agreed++;
      } catch (ArithmeticException | Evaluation.NotRepresentable skip) {
        // try another point
      }
    }
    return "(checked exactly at " + agreed + " random rational points of M)";
  }

  /** [infimum, eta*] for a chain: inf = D |y|^((2D - 2)/D), eta* = 2 / inf. */
  private static Value[] chainInfimum(int depth, Expr y) {
    int num = 2 * depth - 2;
    int den = depth;
    int g = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den)).intValue();
    num /= g;
    den /= g;
    Expr inf = null;
    if (y instanceof Expr.Num q) {
      Optional<BigFraction> root = exactRoot(q.value().abs().pow(num), den);
      if (root.isPresent()) {
        inf = new Expr.Num(root.get().multiply(depth));
      }
    }
    Expr absY = new Expr.Call(Fn.ABS, List.of(y));
    if (inf == null && den == 1) {
      inf = Exprs.simplify(Expr.mul(Expr.num(depth), Expr.pow(absY, num)));
    } else if (inf == null && den == 2) {
      inf = Exprs.simplify(Expr.mul(Expr.num(depth), Expr.pow(Expr.sqrt(absY), num)));
    }
    if (inf != null) {
      return new Value[] {Value.of("inf lambda_max", "\\inf_{\\mathcal{M}} \\lambda_{\\max}", inf),
          criticalStep(inf)};
    }
    String text = depth + "*abs(" + y.text() + ")^(" + num + "/" + den + ")";
    String latex = depth + "\\left|" + LatexPrinter.print(y) + "\\right|^{" + num + "/" + den + "}";
    return new Value[] {
        Value.text("inf lambda_max", "\\inf_{\\mathcal{M}} \\lambda_{\\max}", text, latex),
        Value.text("eta*", "\\eta^{*}", "2/(" + text + ")", "\\frac{2}{" + latex + "}")};
  }

  private static Value criticalStep(Expr inf) {
    if (Exprs.isZero(inf)) {
      return Value.statement("eta*", "\\eta^{*}", "none (the infimum is 0)",
          "\\text{none (the infimum is 0)}");
    }
    // 2 / (c * rest) = (2/c) / rest, so that 2/(2*abs(y)) reads 1/abs(y)
    if (inf instanceof Expr.Mul m && m.factors().get(0) instanceof Expr.Num c) {
      List<Expr> rest = m.factors().subList(1, m.factors().size());
      return Value.of("eta*", "\\eta^{*}", Exprs.simplify(Expr.div(
          new Expr.Num(BigFraction.of(2).divide(c.value())),
          rest.size() == 1 ? rest.get(0) : new Expr.Mul(rest))));
    }
    return Value.of("eta*", "\\eta^{*}", Exprs.simplify(Expr.div(Expr.num(2), inf)));
  }

  /** The rational k-th root of q when there is one. */
  static Optional<BigFraction> exactRoot(BigFraction q, int k) {
    BigInteger p = q.getNumerator().abs();
    BigInteger r = q.getDenominator().abs();
    BigInteger rp = integerRoot(p, k);
    BigInteger rr = integerRoot(r, k);
    return rp.pow(k).equals(p) && rr.pow(k).equals(r) ? Optional.of(BigFraction.of(rp, rr))
        : Optional.empty();
  }

  private static BigInteger integerRoot(BigInteger n, int k) {
    if (n.signum() == 0 || k == 1) {
      return n;
    }
    BigInteger lo = BigInteger.ZERO;
    BigInteger hi = BigInteger.ONE.shiftLeft(n.bitLength() / k + 1);
    while (lo.compareTo(hi) < 0) {
      BigInteger mid = lo.add(hi).add(BigInteger.ONE).shiftRight(1);
      if (mid.pow(k).compareTo(n) <= 0) {
        lo = mid;
      } else {
        hi = mid.subtract(BigInteger.ONE);
      }
    }
    return lo;
  }

  /** Gradient flow on a chain: every w_i^2 moves by the same delta (Kreisler et al. 2023). */
  private List<Item> chainFlow(List<String> w, Expr y) {
    int depth = w.size();
    Expr phi = Exprs.simplify(model.gfsSharpness().orElseThrow());
    Expr y2 = Exprs.simplify(Expr.pow(y, 2));
    List<Expr> squares = w.stream().map(x -> Expr.pow(Expr.var(x), 2)).toList();
    List<Value> values = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add("every w_i^2 moves by the same delta along gradient flow (the balances are conserved);"
        + " the limit has s_i^2 = w_i^2 + delta*, signs kept when pi(w) > 0");
    Expr deltaStar = null;
    if (depth == 1) {
      values.add(Value.of(w.get(0) + "(inf)", LatexPrinter.name(w.get(0)) + "^{\\infty}", y));
    } else if (depth == 2) {
      Expr b = Expr.sub(squares.get(0), squares.get(1));
      Expr delta = Exprs.simplify(Expr.div(Expr.sub(
          Expr.sqrt(Expr.add(Expr.pow(b, 2), Expr.mul(Expr.num(4), y2))),
          Expr.add(squares.get(0), squares.get(1))), Expr.num(2)));
      values.add(Value.of("delta*", "\\delta^{*}", delta));
      deltaStar = delta;
      Expr product = Expr.mul(Expr.add(squares.get(0), delta), Expr.add(squares.get(1), delta));
      notes.add("delta* solves (w1^2 + delta)(w2^2 + delta) = y^2: "
          + PointCheck.compare(product, y2, Deriver.CHECK_POINTS, Deriver.seed(product)).describe());
      Expr fromDelta = Expr.mul(y2, Expr.add(Expr.div(Exprs.ONE, Expr.add(squares.get(0), delta)),
          Expr.div(Exprs.ONE, Expr.add(squares.get(1), delta))));
      notes.add("phi = y^2 (1/(w1^2 + delta*) + 1/(w2^2 + delta*)) = sqrt((w1^2 - w2^2)^2 + 4 y^2): "
          + PointCheck.compare(fromDelta, phi, Deriver.CHECK_POINTS, Deriver.seed(phi)).describe());
    } else {
      Expr delta = Expr.var("delta");
      Expr p = new Expr.Mul(squares.stream().map(u -> Expr.add(u, delta)).toList());
      values.add(Value.relation("defining equation", "\\text{defining equation}",
          new Relation(p, Rel.EQ, y2)));
      if (depth <= 4) {
        d.budget().ifPresent(budget -> {
          try {
            Expr expanded = d.symja.expand(Expr.sub(p, y2), budget);
            Result r = PointCheck.compare(expanded, Expr.sub(p, y2), Deriver.CHECK_POINTS, Deriver.seed(p));
            if (r.equal()) {
              values.add(Value.of("p(delta) - y^2", "p(\\delta) - y^{2}", expanded));
            }
          } catch (SymbolicException ex) {
            notes.add("expansion of p(delta) skipped: " + ex.getMessage());
          }
        });
      }
      deltaStar = new Expr.GfsShift(squares, y2);
      values.add(Value.of("delta*", "\\delta^{*}", deltaStar));
      notes.add("delta* is the largest real root of p(delta) = y^2, the unique one with"
          + " w_i^2 + delta > 0 for all i");
      notes.add("phi = y^2 sum_i 1/(w_i^2 + delta*) = p'(delta*)");
    }
    if (deltaStar != null) {
      for (String x : w) {
        values.add(Value.of(x + "(inf)^2", LatexPrinter.name(x) + "^{\\infty\\,2}",
            Expr.add(Expr.pow(Expr.var(x), 2), deltaStar)));
      }
    }
    List<Item> items = new ArrayList<>();
    items.add(item("gfs", values, notes));
    items.add(item("gfsSharpness", List.of(Value.of("phi", "\\phi", phi)),
        List.of("the sharpness y^2 sum_i 1/s_i^2 of the gradient-flow solution"
            + (depth >= 3 ? "; defined through the implicit delta*" : ""))));
    return items;
  }

  // ---- the two-layer network: L = (a.b - Phi)^2 / 2 ----

  private List<Item> twoLayer(TwoLayerNetwork t) {
    Expr phiTarget = t.target();
    Expr pi = t.product().orElseThrow();
    List<Item> items = new ArrayList<>();
    items.add(item("manifold", List.of(Value.relation("M", "\\mathcal{M}",
        new Relation(pi, Rel.EQ, phiTarget))), List.of("the minimisers: a.b = Phi")));
    List<String> notes = new ArrayList<>();
    Expr norm = gradientNormOfProduct(pi, notes);
    notes.add("= |a|^2 + |b|^2: flatter minimisers have smaller norm (Beneventano, Woodworth 2025)");
    items.add(item("sharpnessOnManifold", List.of(Value.of("lambda_max on M",
        "\\lambda_{\\max}\\big|_{\\mathcal{M}}", norm)), notes));
    Expr inf = phiTarget instanceof Expr.Num q ? new Expr.Num(q.value().abs().multiply(2))
        : Expr.mul(Expr.num(2), new Expr.Call(Fn.ABS, List.of(phiTarget)));
    items.add(item("infimumSharpness", List.of(Value.of("inf lambda_max",
        "\\inf_{\\mathcal{M}} \\lambda_{\\max}", inf)), List.of("|a|^2 + |b|^2 >= 2 |a.b| = 2 |Phi|,"
        + " with equality iff a = +-b")));
    items.add(item("criticalStep", List.of(criticalStep(inf)), List.of("eta* = 1/|Phi|; above it GD"
        + " converges to a minimiser only from a null set (Craciun, Ghoshdastidar 2024)")));

    int width = t.width();
    List<Expr> diff = new ArrayList<>();
    for (int i = 1; i <= width; i++) {
      diff.add(Expr.pow(Expr.sub(Expr.var("a" + i), Expr.var("b" + i)), 2));
    }
    Expr p = Exprs.simplify(t.p());
    Expr root = Expr.sqrt(Expr.add(Expr.mul(Expr.num(4), Expr.pow(phiTarget, 2)), p));
    Expr z = Exprs.simplify(Expr.div(Expr.sub(root, Expr.mul(Expr.num(2), phiTarget)),
        diff.size() == 1 ? diff.get(0) : new Expr.Add(diff)));
    List<Value> flow = new ArrayList<>();
    flow.add(Value.of("P", "P", p));
    flow.add(Value.of("z", "z", z));
    flow.add(Value.text("a(inf) + b(inf)", "a^{\\infty} + b^{\\infty}", "(a + b)/sqrt(z)",
        "\\frac{a + b}{\\sqrt{z}}"));
    flow.add(Value.text("a(inf) - b(inf)", "a^{\\infty} - b^{\\infty}", "sqrt(z)*(a - b)",
        "\\sqrt{z}\\,(a - b)"));
    items.add(item("gfs", flow, List.of("along gradient flow a + b shrinks and a - b grows by"
        + " reciprocal factors e^(-s), e^(s); Q = |a|^2 - |b|^2 and P are conserved",
        "z = e^(2s) solves |a - b|^2 z^2 + 4 Phi z - |a + b|^2 = 0 (needs a != b; if a = b the flow"
        + " stays on a = b)")));
    items.add(item("gfsSharpness", List.of(Value.of("phi", "\\phi",
        Exprs.simplify(model.gfsSharpness().orElseThrow()))), List.of("sqrt(4 Phi^2 + P) = |a(inf)|^2 + |b(inf)|^2")));
    return items;
  }

  // ---- deep linear networks with matrix layers ----

  private List<Item> matrixLayers(LinearNetwork l) {
    List<List<Expr>> product = l.endToEnd();
    List<Value> equations = new ArrayList<>();
    for (int i = 0; i < product.size(); i++) {
      for (int j = 0; j < product.get(i).size(); j++) {
        equations.add(Value.relation("M[" + (i + 1) + "," + (j + 1) + "]",
            "\\mathcal{M}_{" + (i + 1) + "," + (j + 1) + "}",
            new Relation(product.get(i).get(j), Rel.EQ, l.targetMatrix().get(i).get(j))));
      }
    }
    List<Item> items = new ArrayList<>();
    items.add(item("manifold", equations, List.of("the minimisers: W" + l.layers() + " ... W1 = M")));
    items.add(item("sharpnessOnManifold", List.of(Value.text("lambda_max on M",
        "\\lambda_{\\max}\\big|_{\\mathcal{M}}", "lambda_max(J^T J)",
        "\\lambda_{\\max}\\left(J^{\\top} J\\right)")), List.of("J = Jacobian of vec(W_L ... W_1):"
        + " Hess L = J^T J where the residual vanishes; no closed form for matrix layers here")));
    Optional<Double> atIdentity = identityBound(l);
    if (atIdentity.isPresent()) {
      double x = atIdentity.get();
      items.add(item("infimumSharpness", List.of(Value.text("inf lambda_max",
          "\\inf_{\\mathcal{M}} \\lambda_{\\max}", "<= " + x, "\\le " + x)),
          List.of("an upper bound: lambda_max at the minimiser W_l = I for every l (double precision"
              + " eigenvalues of the exact Hessian there); the infimum itself is not derived")));
      items.add(item("criticalStep", List.of(Value.text("eta*", "\\eta^{*}", ">= " + 2 / x,
          "\\ge " + 2 / x)), List.of("eta* = 2 / inf >= 2 / lambda_max(W_l = I)")));
    } else {
      String why = "skipped: derived only for square layers with target M = I";
      items.add(new Item("infimumSharpness", title("infimumSharpness"), Status.SKIPPED, List.of(),
          Optional.empty(), List.of(why)));
      items.add(new Item("criticalStep", title("criticalStep"), Status.SKIPPED, List.of(),
          Optional.empty(), List.of(why)));
    }
    String why = "not known in closed form for matrix layers";
    items.add(none("gfs", why));
    items.add(none("gfsSharpness", why));
    return items;
  }

  /** lambda_max of the Hessian at W_l = I when all layers are n x n and M = I. */
  private Optional<Double> identityBound(LinearNetwork l) {
    int n = l.dims().get(0);
    if (l.dims().stream().anyMatch(k -> k != n)
        || !l.targetMatrix().equals(LinearNetwork.identityTarget(l.dims()))) {
      return Optional.empty();
    }
    Map<String, BigFraction> point = new HashMap<>();
    for (int layer = 1; layer <= l.layers(); layer++) {
      for (int i = 1; i <= n; i++) {
        for (int j = 1; j <= n; j++) {
          point.put(LinearNetwork.weight(layer, i, j), i == j ? BigFraction.ONE : BigFraction.ZERO);
        }
      }
    }
    int size = hessian.size();
    double[][] h = new double[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        h[i][j] = Evaluation.exact(hessian.get(i).get(j), point).doubleValue();
      }
    }
    double[] eigen = new org.hipparchus.linear.EigenDecompositionSymmetric(
        new org.hipparchus.linear.Array2DRowRealMatrix(h, false)).getEigenvalues();
    double max = java.util.Arrays.stream(eigen).max().orElse(0);
    return Optional.of(Math.round(max * 1e9) / 1e9);
  }
}
