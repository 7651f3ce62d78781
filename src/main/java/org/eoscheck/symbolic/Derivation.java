package org.eoscheck.symbolic;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.expr.Relation;
import org.eoscheck.model.Model;

/**
 * Everything {@code eoscheck derive} prints about a {@link Model}: loss, gradient, Hessian, the GD,
 * normalised-GD and GD-on-sqrt(L) maps, the Jacobian determinant det(I - eta Hess L) of the GD map
 * (non-singularity, Craciun and Ghoshdastidar 2024), gradient-flow invariants found by search and
 * their exact one-step change under GD (Kreisler et al. 2023; Beneventano and Woodworth 2025), the
 * minimiser manifold with its sharpness, infimum and critical step eta* = 2 / inf, and the
 * gradient-flow solution with its sharpness phi.
 *
 * <p>Symbolic answers come from Symja and are checked against their input at random rational points
 * ({@link PointCheck}); where Symja fails, runs out of time or is refuted, the unsimplified form is
 * kept and a note says so. Items too expensive for the model's size are reported as skipped.
 */
public final class Derivation {
  private final Model model;
  private final List<Item> items;
  private final List<Expr> gradient;
  private final List<List<Expr>> hessian;
  private final List<Expr> gdMap;
  private final Determinant determinant;
  private final List<Invariant> invariants;

  Derivation(Model model, List<Item> items, List<Expr> gradient, List<List<Expr>> hessian,
      List<Expr> gdMap, Determinant determinant, List<Invariant> invariants) {
    this.model = model;
    this.items = List.copyOf(items);
    this.gradient = List.copyOf(gradient);
    this.hessian = hessian.stream().map(List::copyOf).toList();
    this.gdMap = List.copyOf(gdMap);
    this.determinant = determinant;
    this.invariants = List.copyOf(invariants);
  }

  /** Derives everything for {@code model} with the default {@link Limits}. */
  public static Derivation of(Model model) {
    return of(model, Limits.DEFAULT);
  }

  public static Derivation of(Model model, Limits limits) {
    return new Deriver(model, SymbolicEngine.get(), limits).derive();
  }

  /**
   * Bounds that keep a derivation quick on big models: the budget of one Symja call, of the whole
   * derivation, and the sizes above which an item is skipped or left lightly simplified.
   */
  public record Limits(Duration callBudget, Duration totalBudget, int maxSymbolicDeterminant,
      int maxTidiedHessian, int maxStepParameters, int maxTidySize, int maxTidyVariables) {
    /**
     * Symja's Factor grows steeply with the number of variables (about 0.1 s per gradient entry
     * of a depth-7 scalar network, over 1 s at depth 8 and 3 s at depth 12), hence the bound of 7.
     */
    public static final Limits DEFAULT =
        new Limits(Duration.ofSeconds(4), Duration.ofSeconds(30), 4, 16, 6, 3000, 7);
  }

  /** How an item turned out. */
  public enum Status {
    DERIVED, SKIPPED, NONE
  }

  /**
   * One printed value: a label and either an expression of the lemma language (then text is
   * {@code expr.text()}) or, where the language cannot say it (e.g. |y|^(4/3)), text alone. A
   * statement (a relation, a verdict) is shown as "label: text" rather than "label = text".
   */
  public record Value(String label, String labelLatex, Optional<Expr> expr, String text,
      String latex, boolean statement) {
    public static Value of(String label, String labelLatex, Expr e) {
      return new Value(label, labelLatex, Optional.of(e), e.text(), LatexPrinter.print(e), false);
    }

    public static Value relation(String label, String labelLatex, Relation r) {
      return new Value(label, labelLatex, Optional.empty(), r.text(), LatexPrinter.print(r), true);
    }

    /** A value the expression language cannot state, e.g. "3*abs(y)^(4/3)" or "&lt;= 2". */
    public static Value text(String label, String labelLatex, String text, String latex) {
      return new Value(label, labelLatex, Optional.empty(), text, latex, false);
    }

    /** A statement such as a verdict: "label: text". */
    public static Value statement(String label, String labelLatex, String text, String latex) {
      return new Value(label, labelLatex, Optional.empty(), text, latex, true);
    }

    /** Whether {@link #text()} parses back in the lemma language. */
    public boolean inExpressionSyntax() {
      return expr.isPresent();
    }

    /** Whether the text is a bound ("&lt;= 2"), not a value. */
    public boolean bound() {
      return text.startsWith("<") || text.startsWith(">");
    }
  }

  /**
   * One item of the derivation: a key for tools ("gradient"), a title for people, its values (a
   * matrix item also keeps its rows) and notes (how it was checked, why it was skipped).
   */
  public record Item(String key, String title, Status status, List<Value> values,
      Optional<List<List<Expr>>> matrix, List<String> notes) {
    public Item {
      values = List.copyOf(values);
      notes = List.copyOf(notes);
    }

    public Optional<Value> value(String label) {
      return values.stream().filter(v -> v.label().equals(label)).findFirst();
    }
  }

  /** Whether det(I - eta Hess L) is the zero polynomial. */
  public enum Singularity {
    /** A point where det != 0: the GD map is non-singular (Craciun, Ghoshdastidar 2024). */
    NOT_IDENTICALLY_ZERO,
    /** Symja reduces det to 0 and it vanishes at random points. */
    IDENTICALLY_ZERO,
    UNDECIDED
  }

  /**
   * det(I - eta Hess L): the polynomial when it was computed (and checked), whether it is
   * identically zero, and the evidence.
   */
  public record Determinant(Optional<Expr> polynomial, Singularity singularity, String evidence) {}

  /**
   * A quantity q conserved by gradient flow: d/dt q = -grad L . grad q reduces to 0. {@code step}
   * is its value after one GD step when that was derived: q+ = q * multiplier, or q+ - q = change.
   */
  public record Invariant(String name, Expr quantity, String origin, String evidence,
      Optional<Expr> multiplier, Optional<Expr> change, String stepNote) {}

  public Model model() {
    return model;
  }

  /** Every item, in the order derive prints them. */
  public List<Item> items() {
    return items;
  }

  public Optional<Item> item(String key) {
    return items.stream().filter(i -> i.key().equals(key)).findFirst();
  }

  /** grad L, simplified and checked. */
  public List<Expr> gradient() {
    return gradient;
  }

  /** Hess L, symmetric, simplified and checked (lightly simplified for big models). */
  public List<List<Expr>> hessian() {
    return hessian;
  }

  /** theta - eta grad L. */
  public List<Expr> gdMap() {
    return gdMap;
  }

  public Determinant determinant() {
    return determinant;
  }

  /** The independent invariants found (plus model-supplied ones that passed the same check). */
  public List<Invariant> invariants() {
    return invariants;
  }

  /** Short text of an expression for notes. */
  static String text(Expr e) {
    return ExprPrinter.print(e);
  }
}
