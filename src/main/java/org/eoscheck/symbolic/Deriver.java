package org.eoscheck.symbolic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Derivative;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.Model;
import org.eoscheck.symbolic.Derivation.Determinant;
import org.eoscheck.symbolic.Derivation.Invariant;
import org.eoscheck.symbolic.Derivation.Item;
import org.eoscheck.symbolic.Derivation.Limits;
import org.eoscheck.symbolic.Derivation.Singularity;
import org.eoscheck.symbolic.Derivation.Status;
import org.eoscheck.symbolic.Derivation.Value;
import org.eoscheck.symbolic.InvariantCandidates.Candidate;
import org.eoscheck.symbolic.PointCheck.Result;
import org.eoscheck.symbolic.PointCheck.Verdict;
import org.eoscheck.symbolic.SymbolicEngine.Factorization;

/** Computes a {@link Derivation}: the generic items here, the family facts in {@link MinimiserFacts}. */
final class Deriver {
  static final int CHECK_POINTS = 3;
  /** Above this size the determinant at a point is computed modulo {@link #PRIME}. */
  static final int MAX_EXACT_ELIMINATION = 10;
  static final long PRIME = 2147483647L;
  private static final int MAX_LISTED = 5;

  final Model model;
  final SymbolicEngine symja;
  final Limits limits;
  final List<String> parameters;
  /** Parameters, model symbols and eta: the variables of every derived expression. */
  final List<String> variables;
  private final long deadline;

  Deriver(Model model, SymbolicEngine symja, Limits limits) {
    this.model = model;
    this.symja = symja;
    this.limits = limits;
    this.parameters = model.parameters();
    Set<String> vars = new LinkedHashSet<>(parameters);
    vars.addAll(model.symbols());
    vars.add(Model.ETA);
    this.variables = List.copyOf(vars);
    this.deadline = System.nanoTime() + limits.totalBudget().toNanos();
  }

  /**
   * A seed for the random points of one check, from what is checked: the same derivation always
   * uses the same points, however the Symja calls before it turned out.
   */
  static long seed(Object key) {
    return 20230701L * 31 + key.toString().hashCode();
  }

  static Random random(Object key) {
    return new Random(seed(key));
  }

  /** What is left of the budget for one Symja call, or empty when the derivation is out of time. */
  Optional<Duration> budget() {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return Optional.empty();
    }
    Duration d = Duration.ofNanos(left);
    return Optional.of(d.compareTo(limits.callBudget()) < 0 ? d : limits.callBudget());
  }

  /** Simplifies expressions with Symja's Factor, keeping an answer only once it is checked. */
  final class Tidier {
    private int simplified;
    private int kept;
    private int refuted;
    private int failed;

    Expr apply(Expr e) {
      Expr light = LightSimplifier.simplify(e);
      if (light instanceof Expr.Num || light instanceof Expr.Var) {
        return light;
      }
      Optional<Duration> budget = budget();
      if (Exprs.size(light) > limits.maxTidySize() || budget.isEmpty()
          || Exprs.variables(light).size() > limits.maxTidyVariables()) {
        kept++;
        return light;
      }
      try {
        Expr f = symja.factor(light, budget.get()).toExpr();
        Result r = PointCheck.compare(light, f, CHECK_POINTS, seed(light));
        if (r.equal() && Exprs.size(f) <= 2 * Exprs.size(light) + 8) {
          simplified++;
          return f;
        }
        if (r.verdict() == Verdict.DIFFERENT) {
          refuted++;
        } else {
          kept++;
        }
      } catch (SymbolicException ex) {
        failed++;
      }
      return light;
    }

    /** How the items were obtained, for the notes. */
    List<String> notes() {
      List<String> notes = new ArrayList<>();
      if (simplified > 0) {
        notes.add("factored by Symja; each checked against the unsimplified form at "
            + CHECK_POINTS + " random rational points");
      }
      if (kept > 0) {
        notes.add(kept + " kept as differentiated, lightly simplified (too many variables or"
            + " terms for Symja, unchecked, or out of time)");
      }
      if (failed > 0) {
        notes.add(failed + " kept as differentiated (Symja failed or ran out of time)");
      }
      if (refuted > 0) {
        notes.add(refuted + " kept as differentiated: Symja's answer DIFFERED from its input at a"
            + " random point and was discarded");
      }
      return notes;
    }
  }

  Derivation derive() {
    List<Item> items = new ArrayList<>();
    items.add(new Item("model", "model", Status.DERIVED, modelValues(), Optional.empty(),
        List.of(model.citation())));
    Expr loss = model.loss();
    items.add(new Item("loss", "loss", Status.DERIVED, List.of(Value.of("L", "L", loss)),
        Optional.empty(), List.of()));

    Tidier gradientTidier = new Tidier();
    List<Expr> gradient = model.gradient().stream().map(gradientTidier::apply).toList();
    List<Value> gv = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      gv.add(Value.of("dL/d" + parameters.get(i),
          "\\frac{\\partial L}{\\partial " + LatexPrinter.name(parameters.get(i)) + "}",
          gradient.get(i)));
    }
    items.add(new Item("gradient", "gradient", Status.DERIVED, gv, Optional.empty(),
        gradientTidier.notes()));

    List<List<Expr>> hessian = hessian(items);
    List<Expr> gd = step(gradient, Exprs.ONE);
    items.add(mapItem("gd", "GD map theta+ = theta - eta grad L", gd, List.of()));
    Tidier normTidier = new Tidier();
    Expr norm2 = normTidier.apply(new Expr.Add(gradient.stream().map(g -> Expr.pow(g, 2)).toList()));
    List<Expr> ngd = step(gradient, Expr.sqrt(norm2));
    List<String> ngdNotes = new ArrayList<>();
    ngdNotes.add("|grad L|^2 = " + norm2.text());
    ngdNotes.add("Arora, Li, Panigrahi (ICML 2022)");
    items.add(mapItem("ngd", "normalised-GD map theta+ = theta - eta grad L / |grad L|", ngd,
        ngdNotes));
    List<Expr> sqrtGd = step(gradient, Expr.mul(Expr.num(2), Expr.sqrt(loss)));
    items.add(mapItem("sqrtgd", "GD on sqrt(L): theta+ = theta - eta grad L / (2 sqrt(L))", sqrtGd,
        List.of("Arora, Li, Panigrahi (ICML 2022)")));

    Determinant det = determinant(hessian);
    items.add(determinantItem(det));

    List<Invariant> invariants = new ArrayList<>();
    items.addAll(invariantItems(gradient, gd, invariants));
    items.addAll(new MinimiserFacts(this, hessian).items());
    return new Derivation(model, items, gradient, hessian, gd, det, invariants);
  }

  private List<Value> modelValues() {
    List<Value> v = new ArrayList<>();
    v.add(Value.statement("description", "\\text{model}", model.description(),
        "\\text{" + latexText(model.description()) + "}"));
    v.add(Value.statement("parameters", "\\theta", String.join(", ", parameters),
        "(" + String.join(", ", parameters.stream().map(LatexPrinter::name).toList()) + ")"));
    if (!model.symbols().isEmpty()) {
      v.add(Value.statement("symbols", "\\text{symbols}", String.join(", ", model.symbols()),
          String.join(", ", model.symbols().stream().map(LatexPrinter::name).toList())));
    }
    return v;
  }

  /** Text for \text{...}: the LaTeX special characters escaped. */
  static String latexText(String s) {
    return s.replace("\\", "\\textbackslash{}").replace("_", "\\_").replace("^", "\\^{}")
        .replace("&", "\\&").replace("%", "\\%").replace("#", "\\#").replace("$", "\\$")
        .replace("{", "\\{").replace("}", "\\}");
  }

  private List<List<Expr>> hessian(List<Item> items) {
    int n = parameters.size();
    List<List<Expr>> raw = model.hessian();
    boolean tidy = n <= limits.maxTidiedHessian();
    Tidier tidier = new Tidier();
    Expr[][] h = new Expr[n][n];
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        h[i][j] = tidy ? tidier.apply(raw.get(i).get(j)) : LightSimplifier.simplify(raw.get(i).get(j));
        h[j][i] = h[i][j];
        String pi = LatexPrinter.name(parameters.get(i));
        String pj = LatexPrinter.name(parameters.get(j));
        values.add(Value.of("H[" + parameters.get(i) + "," + parameters.get(j) + "]",
            i == j ? "\\frac{\\partial^2 L}{\\partial " + pi + "^2}"
                : "\\frac{\\partial^2 L}{\\partial " + pi + " \\partial " + pj + "}", h[i][j]));
      }
    }
    List<List<Expr>> matrix = new ArrayList<>();
    for (Expr[] row : h) {
      matrix.add(List.of(row));
    }
    List<String> notes = new ArrayList<>(tidy ? tidier.notes()
        : List.of("entries lightly simplified only: " + n + " parameters exceed "
            + limits.maxTidiedHessian() + " for Symja"));
    notes.add(0, "symmetric; entries on and above the diagonal");
    items.add(new Item("hessian", "Hessian", Status.DERIVED, values, Optional.of(matrix), notes));
    return matrix;
  }

  /** theta_i - eta * direction_i / scale. */
  private List<Expr> step(List<Expr> direction, Expr scale) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      // Built by hand, not by Exprs.simplify, which would move the constants of the (already
      // tidied) inner sums to the end: "1 - w1*w2" would read "-(w1*w2) + 1".
      Expr g = direction.get(i);
      Expr theta = Expr.var(parameters.get(i));
      if (Exprs.isZero(g)) {
        out.add(theta);
        continue;
      }
      List<Expr> factors = new ArrayList<>();
      List<Expr> gFactors = g instanceof Expr.Mul m ? m.factors() : List.of(g);
      boolean negative = false;
      for (Expr f : gFactors) {
        if (f instanceof Expr.Num c && factors.isEmpty()) {
          negative = c.value().signum() < 0;
          if (!c.value().abs().equals(BigFraction.ONE)) {
            factors.add(new Expr.Num(c.value().abs()));
          }
          factors.add(Expr.var(Model.ETA));
        } else if (f instanceof Expr.Neg n && gFactors.size() == 1) {
          negative = true;
          factors.add(Expr.var(Model.ETA));
          factors.add(n.arg());
        } else {
          if (factors.isEmpty()) {
            factors.add(Expr.var(Model.ETA));
          }
          factors.add(f);
        }
      }
      Expr etaG = new Expr.Mul(factors);
      Expr d = scale.equals(Exprs.ONE) ? etaG : Expr.div(etaG, scale);
      out.add(new Expr.Add(List.of(theta, negative ? d : new Expr.Neg(d))));
    }
    return out;
  }

  private Item mapItem(String key, String title, List<Expr> map, List<String> notes) {
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      values.add(Value.of(parameters.get(i) + "+", LatexPrinter.name(parameters.get(i)) + "^{+}",
          map.get(i)));
    }
    return new Item(key, title, Status.DERIVED, values, Optional.empty(), notes);
  }

  // ---- det(I - eta Hess L) ----

  private Determinant determinant(List<List<Expr>> hessian) {
    int n = hessian.size();
    List<List<Expr>> a = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        Expr eh = Expr.mul(Expr.var(Model.ETA), hessian.get(i).get(j));
        row.add(Exprs.simplify(i == j ? Expr.sub(Exprs.ONE, eh) : new Expr.Neg(eh)));
      }
      a.add(row);
    }
    // Numeric evidence first: one exact nonzero value settles non-singularity.
    Random random = random(a);
    String nonzeroAt = null;
    int zeros = 0;
    boolean approximate = false;
    for (int attempt = 0; attempt < 40 && nonzeroAt == null && zeros < CHECK_POINTS; attempt++) {
      Map<String, BigFraction> point = PointCheck.randomPoint(variables, random);
      try {
        if (n > MAX_EXACT_ELIMINATION) {
          long d = modularDeterminant(a, point);
          if (d != 0) {
            nonzeroAt = "det != 0 at " + PointCheck.pointText(point) + " (its residue modulo the"
                + " prime " + PRIME + " is " + d + ")";
          } else {
            zeros++;
          }
          continue;
        }
        BigFraction d = exactDeterminant(a, point);
        if (d.signum() != 0) {
          nonzeroAt = "det = " + org.eoscheck.expr.ExprPrinter.rational(d) + " != 0 at "
              + PointCheck.pointText(point);
        } else {
          zeros++;
        }
      } catch (ArithmeticException undefined) {
        // a pole of the Hessian: try another point
      } catch (Evaluation.NotRepresentable notExact) {
        approximate = true;
        double d = approximateDeterminant(a, point);
        if (Double.isFinite(d) && Math.abs(d) > 1e-6) {
          nonzeroAt = "det ~ " + d + " != 0 at " + PointCheck.pointText(point)
              + " (double precision)";
        } else if (Double.isFinite(d)) {
          zeros++;
        }
      }
    }
    Optional<Expr> polynomial = Optional.empty();
    String symbolicNote;
    Optional<Duration> budget = budget();
    if (n > limits.maxSymbolicDeterminant()) {
      symbolicNote = "symbolic determinant skipped: too large (" + n + "x" + n + " > "
          + limits.maxSymbolicDeterminant() + "x" + limits.maxSymbolicDeterminant() + ")";
    } else if (budget.isEmpty()) {
      symbolicNote = "symbolic determinant skipped: out of time";
    } else {
      try {
        Expr p = symja.determinant(a, budget.get());
        String check = checkDeterminant(a, p);
        if (check.startsWith("differs")) {
          symbolicNote = "Symja's determinant discarded: it " + check;
        } else {
          polynomial = Optional.of(p);
          symbolicNote = "Symja's Det, " + check;
        }
      } catch (SymbolicException ex) {
        symbolicNote = "symbolic determinant failed: " + ex.getMessage();
      }
    }
    if (nonzeroAt != null) {
      return new Determinant(polynomial, Singularity.NOT_IDENTICALLY_ZERO,
          nonzeroAt + "; " + symbolicNote);
    }
    if (polynomial.isPresent() && Exprs.isZero(polynomial.get()) && zeros > 0) {
      return new Determinant(polynomial, Singularity.IDENTICALLY_ZERO, "Symja reduces it to 0 and"
          + " it vanishes at " + zeros + " random points" + (approximate ? " (double precision)" : "")
          + "; " + symbolicNote);
    }
    return new Determinant(polynomial, Singularity.UNDECIDED, "vanishes at " + zeros
        + " random points but was not reduced to 0; " + symbolicNote);
  }

  /** "checked ... at k random points" when p agrees with elimination, else "differs at ...". */
  private String checkDeterminant(List<List<Expr>> a, Expr p) {
    Random random = random(p);
    int exact = 0;
    int approximate = 0;
    for (int attempt = 0; attempt < 40 && exact + approximate < CHECK_POINTS; attempt++) {
      Map<String, BigFraction> point = PointCheck.randomPoint(variables, random);
      try {
        if (!exactDeterminant(a, point).equals(Evaluation.exact(p, point))) {
          return "differs from exact elimination at " + PointCheck.pointText(point);
        }
        exact++;
      } catch (ArithmeticException undefined) {
        // a pole: try another point
      } catch (Evaluation.NotRepresentable notExact) {
        double expected = approximateDeterminant(a, point);
        double actual = Evaluation.approximate(p, toDouble(point));
        if (Double.isFinite(expected) && Double.isFinite(actual)) {
          if (Math.abs(expected - actual) > 1e-8 * (1 + Math.abs(expected))) {
            return "differs from elimination in double precision at " + PointCheck.pointText(point);
          }
          approximate++;
        }
      }
    }
    return "checked against elimination at " + exact + " random rational points exactly"
        + (approximate > 0 ? " and " + approximate + " in double precision" : "");
  }

  static Map<String, Double> toDouble(Map<String, BigFraction> point) {
    Map<String, Double> p = new HashMap<>();
    point.forEach((k, v) -> p.put(k, v.doubleValue()));
    return p;
  }

  /** det of the matrix at a rational point, by exact Gaussian elimination. */
  static BigFraction exactDeterminant(List<List<Expr>> a, Map<String, BigFraction> point) {
    int n = a.size();
    BigFraction[][] m = new BigFraction[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = Evaluation.exact(a.get(i).get(j), point);
      }
    }
    BigFraction det = BigFraction.ONE;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      while (pivot < n && m[pivot][c].signum() == 0) {
        pivot++;
      }
      if (pivot == n) {
        return BigFraction.ZERO;
      }
      if (pivot != c) {
        BigFraction[] t = m[pivot];
        m[pivot] = m[c];
        m[c] = t;
        det = det.negate();
      }
      det = det.multiply(m[c][c]);
      for (int r = c + 1; r < n; r++) {
        if (m[r][c].signum() != 0) {
          BigFraction f = m[r][c].divide(m[c][c]);
          for (int k = c; k < n; k++) {
            m[r][k] = m[r][k].subtract(f.multiply(m[c][k]));
          }
        }
      }
    }
    return det;
  }

  /** det of the matrix at a rational point, reduced modulo {@link #PRIME}, by elimination in Z/p. */
  static long modularDeterminant(List<List<Expr>> a, Map<String, BigFraction> point) {
    int n = a.size();
    Map<String, Long> residues = new HashMap<>();
    Evaluation.Arithmetic<Long> zp = Evaluation.modulo(PRIME);
    point.forEach((k, v) -> residues.put(k, zp.constant(v)));
    long[][] m = new long[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = Evaluation.evaluate(a.get(i).get(j), residues, zp);
      }
    }
    long det = 1;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      while (pivot < n && m[pivot][c] == 0) {
        pivot++;
      }
      if (pivot == n) {
        return 0;
      }
      if (pivot != c) {
        long[] t = m[pivot];
        m[pivot] = m[c];
        m[c] = t;
        det = zp.negate(det);
      }
      det = zp.multiply(det, m[c][c]);
      long inverse = zp.divide(1L, m[c][c]);
      for (int r = c + 1; r < n; r++) {
        if (m[r][c] != 0) {
          long f = zp.multiply(m[r][c], inverse);
          for (int k = c; k < n; k++) {
            m[r][k] = zp.add(m[r][k], zp.negate(zp.multiply(f, m[c][k])));
          }
        }
      }
    }
    return det;
  }

  static double approximateDeterminant(List<List<Expr>> a, Map<String, BigFraction> point) {
    Map<String, Double> p = toDouble(point);
    int n = a.size();
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = Evaluation.approximate(a.get(i).get(j), p);
      }
    }
    return n == 0 ? 1 : new org.hipparchus.linear.LUDecomposition(
        new org.hipparchus.linear.Array2DRowRealMatrix(m, false)).getDeterminant();
  }

  private Item determinantItem(Determinant det) {
    List<Value> values = new ArrayList<>();
    det.polynomial().ifPresent(p -> values.add(Value.of("det(I - eta*H)",
        "\\det\\left(I - \\eta \\nabla^2 L\\right)", p)));
    String verdict = switch (det.singularity()) {
      case NOT_IDENTICALLY_ZERO -> "no: it is not the zero function of (theta, eta), so for all"
          + " but finitely many eta the GD map is non-singular (det is a polynomial of degree <= n in"
          + " eta, and a nonzero one vanishes only on a proper subset of the parameters)";
      case IDENTICALLY_ZERO -> "yes: the GD map is singular everywhere";
      case UNDECIDED -> "undecided";
    };
    values.add(Value.statement("identically zero", "\\text{identically zero}", verdict,
        "\\text{" + latexText(verdict) + "}"));
    return new Item("gdJacobianDeterminant", "det(I - eta Hess L), Jacobian of the GD map",
        Status.DERIVED, values, Optional.empty(),
        List.of(det.evidence(), "non-singularity in the sense of Craciun, Ghoshdastidar (2024)"));
  }

  // ---- gradient-flow invariants ----

  private List<Item> invariantItems(List<Expr> gradient, List<Expr> gd, List<Invariant> found) {
    List<Candidate> candidates = InvariantCandidates.of(model);
    InvariantCandidates.Span span = new InvariantCandidates.Span();
    List<String> implied = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<String> unconfirmed = new ArrayList<>();
    List<Candidate> accepted = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.form().isPresent() && span.reduce(c.form().get()).isZero()) {
        implied.add(c.quantity().text());
        continue;
      }
      List<Expr> terms = new ArrayList<>();
      for (int k = 0; k < parameters.size(); k++) {
        Expr dq = Derivative.of(c.quantity(), parameters.get(k));
        if (!Exprs.isZero(dq)) {
          terms.add(Expr.mul(gradient.get(k), dq));
        }
      }
      Expr flow = terms.isEmpty() ? Exprs.ZERO : Exprs.simplify(new Expr.Neg(new Expr.Add(terms)));
      Result r = PointCheck.isZero(flow, CHECK_POINTS, seed(flow));
      if (r.verdict() == Verdict.DIFFERENT) {
        rejected.add(c.quantity().text());
        continue;
      }
      Optional<Duration> budget = budget();
      String why;
      try {
        if (budget.isPresent() && symja.simplifiesToZero(flow, budget.get())) {
          accepted.add(c);
          c.form().ifPresent(span::add);
          evidence.add("-grad L . grad q reduces to 0 (Symja); " + r.describe());
          continue;
        }
        why = budget.isEmpty() ? "out of time" : "Symja did not reduce it to 0";
      } catch (SymbolicException ex) {
        why = ex.getMessage();
      }
      unconfirmed.add(c.quantity().text() + " (" + r.describe() + "; " + why + ")");
    }

    List<Value> values = new ArrayList<>();
    List<Value> steps = new ArrayList<>();
    List<String> stepNotes = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      Candidate c = accepted.get(i);
      String name = "q" + (i + 1);
      String latexName = "q_{" + (i + 1) + "}";
      values.add(Value.of(name, latexName, c.quantity()));
      Invariant inv = oneStep(name, c, evidence.get(i), gd);
      found.add(inv);
      inv.multiplier().ifPresent(m -> steps.add(Value.of(name + "+ / " + name,
          latexName + "^{+} / " + latexName, m)));
      inv.change().ifPresent(d -> steps.add(Value.of(name + "+ - " + name,
          latexName + "^{+} - " + latexName, d)));
      stepNotes.add(name + ": " + inv.stepNote());
    }
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      notes.add("q" + (i + 1) + " (" + accepted.get(i).origin() + "): " + evidence.get(i));
    }
    if (accepted.isEmpty()) {
      notes.add("none found among " + candidates.size() + " candidates"
          + (model instanceof org.eoscheck.model.CustomModel
              ? " (differences of squares x_i^2 - x_j^2 and single coordinates)" : ""));
    }
    if (!implied.isEmpty()) {
      notes.add("also conserved, as linear combinations of the above: " + listed(implied));
    }
    if (!rejected.isEmpty()) {
      notes.add("rejected (d/dt q != 0 at a random rational point): " + listed(rejected));
    }
    if (!unconfirmed.isEmpty()) {
      notes.add("not confirmed: " + listed(unconfirmed));
    }
    notes.add("candidates searched: " + candidates.size() + " (" + InvariantCandidates.kinds(model)
        + ")");
    Item invariants = new Item("invariants", "gradient-flow invariants (d/dt q = -grad L . grad q = 0)",
        accepted.isEmpty() ? Status.NONE : Status.DERIVED, values, Optional.empty(), notes);
    Status stepStatus = accepted.isEmpty() ? Status.NONE : steps.isEmpty() ? Status.SKIPPED
        : Status.DERIVED;
    if (accepted.isEmpty()) {
      stepNotes.add("no invariant to follow");
    }
    Item oneStep = new Item("invariantSteps", "one GD step on each invariant (q+ = q(GD(theta)))",
        stepStatus, steps, Optional.empty(), stepNotes);
    return List.of(invariants, oneStep);
  }

  private static String listed(List<String> items) {
    if (items.size() <= MAX_LISTED) {
      return String.join("; ", items);
    }
    return String.join("; ", items.subList(0, MAX_LISTED)) + "; ... (" + items.size() + " in all)";
  }

  /**
   * q(GD(theta)) as q times a multiplier when q divides it (Symja's Factor of q+/q has none of q's
   * factors left in its denominator), else the change q+ - q factored; both checked at points.
   */
  private Invariant oneStep(String name, Candidate c, String evidence, List<Expr> gd) {
    Expr q = c.quantity();
    if (parameters.size() > limits.maxStepParameters()) {
      return new Invariant(name, q, c.origin(), evidence, Optional.empty(), Optional.empty(),
          "skipped: too large (" + parameters.size() + " parameters > "
              + limits.maxStepParameters() + ")");
    }
    Expr qPlus = Exprs.substitute(q, parameters, gd);
    try {
      Factorization ratio = symja.factor(Expr.div(qPlus, q), budget().orElseThrow(this::outOfTime));
      Factorization own = symja.factor(q, budget().orElseThrow(this::outOfTime));
      if (!sharesFactor(ratio.denominator(), own.numerator())) {
        Expr m = ratio.toExpr();
        Result r = PointCheck.compare(qPlus, Expr.mul(q, m), CHECK_POINTS, seed(m));
        if (r.equal()) {
          return new Invariant(name, q, c.origin(), evidence, Optional.of(m), Optional.empty(),
              "q+ = q * multiplier (Symja's Factor; " + r.describe() + ")");
        }
      }
      Expr change = symja.factor(Expr.sub(qPlus, q), budget().orElseThrow(this::outOfTime)).toExpr();
      Result r = PointCheck.compare(Expr.sub(qPlus, q), change, CHECK_POINTS, seed(change));
      if (r.equal()) {
        return new Invariant(name, q, c.origin(), evidence, Optional.empty(), Optional.of(change),
            "q does not divide q+; the change q+ - q factored (Symja; " + r.describe() + ")");
      }
      return new Invariant(name, q, c.origin(), evidence, Optional.empty(), Optional.empty(),
          "Symja's factorisation was discarded: " + r.describe());
    } catch (SymbolicException ex) {
      return new Invariant(name, q, c.origin(), evidence, Optional.empty(), Optional.empty(),
          "skipped: " + ex.getMessage());
    }
  }

  SymbolicException outOfTime() {
    return new SymbolicException.Timeout("the derivation ran out of time ("
        + limits.totalBudget().toSeconds() + " s)");
  }

  /** Whether some base of {@code a} equals some base of {@code b} up to sign (at random points). */
  private boolean sharesFactor(List<Factorization.Factor> a, List<Factorization.Factor> b) {
    for (Factorization.Factor x : a) {
      for (Factorization.Factor y : b) {
        if (PointCheck.compare(x.base(), y.base(), CHECK_POINTS, seed(x)).equal()
            || PointCheck.compare(x.base(), new Expr.Neg(y.base()), CHECK_POINTS, seed(y))
                .equal()) {
          return true;
        }
      }
    }
    return false;
  }
}
