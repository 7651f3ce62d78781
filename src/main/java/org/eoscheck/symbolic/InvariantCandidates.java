package org.eoscheck.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.model.Model;
import org.eoscheck.model.TwoLayerNetwork;

/**
 * Candidate gradient-flow invariants of a model, to be kept only if d/dt q = -grad L . grad q
 * reduces to 0. Quadratic (and linear) forms carry their coefficients, so that a candidate in the
 * span of invariants already found is recognised as implied rather than checked again:
 * <ul>
 *   <li>differences of squared group norms |G_l|^2 - |G_{l+1}|^2 of consecutive layers;</li>
 *   <li>for layered models, the entries of W_{l+1}^T W_{l+1} - W_l W_l^T (the balancedness of deep
 *       linear networks; the two-layer network is the linear network W_1 = a, W_2 = b^T);</li>
 *   <li>every x_i^2 - x_j^2, and for custom losses every single coordinate x_i;</li>
 *   <li>model-supplied non-quadratic candidates: P = |a + b|^2 |a - b|^2 of the two-layer network
 *       (Beneventano, Woodworth 2025).</li>
 * </ul>
 */
final class InvariantCandidates {
  private InvariantCandidates() {}

  /** A candidate q with its origin; {@code form} holds its coefficients when q is a polynomial form. */
  record Candidate(Expr quantity, String origin, Optional<Form> form) {}

  /**
   * A linear plus quadratic form sum c_m m over monomials m = x or x*y (names sorted), with exact
   * coefficients; zero coefficients are never stored.
   */
  record Form(Map<String, BigFraction> coefficients) {
    Form {
      coefficients = new TreeMap<>(coefficients);
      coefficients.values().removeIf(c -> c.signum() == 0);
    }

    static Form product(String x, String y) {
      return new Form(Map.of(x.compareTo(y) <= 0 ? x + "*" + y : y + "*" + x, BigFraction.ONE));
    }

    static Form coordinate(String x) {
      return new Form(Map.of(x, BigFraction.ONE));
    }

    Form plus(Form other, BigFraction scale) {
      Map<String, BigFraction> sum = new TreeMap<>(coefficients);
      other.coefficients.forEach((m, c) -> sum.merge(m, c.multiply(scale), BigFraction::add));
      return new Form(sum);
    }

    boolean isZero() {
      return coefficients.isEmpty();
    }

    Expr toExpr() {
      List<Expr> terms = new ArrayList<>();
      coefficients.forEach((m, c) -> {
        String[] names = m.split("\\*");
        Expr monomial = names.length == 1 ? Expr.var(names[0])
            : names[0].equals(names[1]) ? Expr.pow(Expr.var(names[0]), 2)
            : Expr.mul(Expr.var(names[0]), Expr.var(names[1]));
        terms.add(c.equals(BigFraction.ONE) ? monomial
            : c.equals(BigFraction.ONE.negate()) ? new Expr.Neg(monomial)
            : Expr.mul(new Expr.Num(c), monomial));
      });
      // a positive term first: "b1^2 - a1^2" rather than "-a1^2 + b1^2"
      for (int i = 0; i < terms.size(); i++) {
        if (!(terms.get(i) instanceof Expr.Neg)) {
          terms.add(0, terms.remove(i));
          break;
        }
      }
      return terms.isEmpty() ? Exprs.ZERO : Exprs.simplify(new Expr.Add(terms));
    }
  }

  /**
   * The span of the invariants accepted so far, in echelon form (each basis vector has a pivot
   * monomial that no later vector uses), to tell implied candidates from new ones.
   */
  static final class Span {
    private final List<Map.Entry<String, Form>> basis = new ArrayList<>();

    /** The part of f outside the span (zero iff f is a combination of the basis). */
    Form reduce(Form f) {
      Form r = f;
      for (Map.Entry<String, Form> b : basis) {
        BigFraction c = r.coefficients().get(b.getKey());
        if (c != null) {
          r = r.plus(b.getValue(), c.divide(b.getValue().coefficients().get(b.getKey())).negate());
        }
      }
      return r;
    }

    void add(Form f) {
      Form r = reduce(f);
      if (r.isZero()) {
        return;
      }
      String pivot = r.coefficients().keySet().iterator().next();
      List<Map.Entry<String, Form>> updated = new ArrayList<>();
      for (Map.Entry<String, Form> b : basis) {
        BigFraction c = b.getValue().coefficients().get(pivot);
        Form v = c == null ? b.getValue()
            : b.getValue().plus(r, c.divide(r.coefficients().get(pivot)).negate());
        updated.add(Map.entry(b.getKey(), v));
      }
      basis.clear();
      basis.addAll(updated);
      basis.add(Map.entry(pivot, r));
    }
  }

  /** The candidates for {@code model}, without duplicates (q and -q count once). */
  static List<Candidate> of(Model model) {
    Map<Form, Candidate> out = new LinkedHashMap<>();
    List<List<String>> groups = groups(model);
    for (int l = 0; l + 1 < groups.size(); l++) {
      Form f = squares(groups.get(l), BigFraction.ONE).plus(squares(groups.get(l + 1),
          BigFraction.ONE), BigFraction.ONE.negate());
      add(out, f, groups.get(l).size() == 1 ? "balance" : "difference of squared layer norms");
    }
    List<List<List<String>>> layers = layers(model);
    for (int l = 0; l + 1 < layers.size(); l++) {
      List<List<String>> lower = layers.get(l);
      List<List<String>> upper = layers.get(l + 1);
      int n = lower.size();
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          Form f = new Form(Map.of());
          for (List<String> row : upper) {
            f = f.plus(Form.product(row.get(i), row.get(j)), BigFraction.ONE);
          }
          for (int k = 0; k < lower.get(0).size(); k++) {
            f = f.plus(Form.product(lower.get(i).get(k), lower.get(j).get(k)), BigFraction.ONE.negate());
          }
          add(out, f, "entry (" + (i + 1) + "," + (j + 1) + ") of W" + (l + 2) + "^T W" + (l + 2)
              + " - W" + (l + 1) + " W" + (l + 1) + "^T");
        }
      }
    }
    List<String> p = model.parameters();
    for (int i = 0; i < p.size(); i++) {
      for (int j = i + 1; j < p.size(); j++) {
        add(out, Form.product(p.get(i), p.get(i)).plus(Form.product(p.get(j), p.get(j)),
            BigFraction.ONE.negate()), "difference of squares");
      }
    }
    if (model.layerWeights().isEmpty()) { // a custom loss: single coordinates too
      p.forEach(x -> add(out, Form.coordinate(x), "coordinate"));
    }
    List<Candidate> all = new ArrayList<>(out.values());
    if (model instanceof TwoLayerNetwork two) {
      all.add(new Candidate(Exprs.simplify(two.p()), "P = |a + b|^2 |a - b|^2 (Beneventano, Woodworth 2025)",
          Optional.empty()));
    }
    return all;
  }

  /** The kinds of candidates searched for {@code model}, for the notes. */
  static String kinds(Model model) {
    if (model.layerWeights().isEmpty()) {
      return "x_i^2 - x_j^2 and single coordinates x_i";
    }
    return "differences of squared layer norms, entries of W_{l+1}^T W_{l+1} - W_l W_l^T,"
        + " x_i^2 - x_j^2" + (model instanceof TwoLayerNetwork ? ", P" : "");
  }

  private static void add(Map<Form, Candidate> out, Form f, String origin) {
    Form negated = new Form(Map.of()).plus(f, BigFraction.ONE.negate());
    if (!f.isZero() && !out.containsKey(f) && !out.containsKey(negated)) {
      out.put(f, new Candidate(f.toExpr(), origin, Optional.of(f)));
    }
  }

  private static Form squares(List<String> names, BigFraction scale) {
    Form f = new Form(Map.of());
    for (String x : names) {
      f = f.plus(Form.product(x, x), scale);
    }
    return f;
  }

  /** The parameters layer by layer (one group for a custom loss). */
  private static List<List<String>> groups(Model model) {
    return layers(model).stream()
        .map(layer -> layer.stream().flatMap(List::stream).toList()).toList();
  }

  /** Each layer's weight matrix as names (rows of W_l), or nothing for a custom loss. */
  private static List<List<List<String>>> layers(Model model) {
    return model.layerWeights();
  }
}
