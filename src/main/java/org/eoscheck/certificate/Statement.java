package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.CertifiedEvaluator.Differentiated;
import org.eoscheck.certificate.ProofLog.Claim;
import org.eoscheck.certificate.ProofLog.Header;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * The kernel's reading of a proof-log header: variables, root box, hypotheses and, per claim, the
 * {@link Goal} every leaf must establish. Reductions are verified here, once ({@link Reductions}).
 *
 * <p>Meaning of the log: for every point x of the root box at which every hypothesis is defined
 * and true, every claim is defined and true at x.
 *
 * <p>The prover builds its SMT queries with {@link #refutationQuery} of this same object, so that
 * replay can compare the stored text with the kernel's own.
 */
public final class Statement {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * f rel 0 with rel GE, GT or EQ. A relation lhs op rhs becomes f = rhs - lhs for &lt;=, &lt;,
   * f = lhs - rhs for &gt;=, &gt;, ==; it is defined exactly where f is, and then equivalent.
   */
  public record Condition(Expr f, Rel rel) {
    public static Condition of(Relation r) {
      switch (r.op()) {
        case LE:
          return new Condition(Expr.sub(r.rhs(), r.lhs()), Rel.GE);
        case LT:
          return new Condition(Expr.sub(r.rhs(), r.lhs()), Rel.GT);
        default:
          return new Condition(Expr.sub(r.lhs(), r.rhs()), r.op());
      }
    }

    public String text() {
      return f.text() + " " + rel.symbol() + " 0";
    }
  }

  /**
   * What a leaf proves for one claim: at every point of its box where the hypotheses hold, every
   * expression of {@code defined} is defined, and the residual condition is defined and true.
   * {@code defined} starts with the claim's difference f, then the factors g^p of a reduction
   * whose sign is not known on the root box. {@code differentiated} is the residual with the
   * partial derivatives used by the mean-value and monotone forms. {@code parameters} are extra
   * variables of the residual and of {@code defined} (the segment parameter of a mean-value
   * reduction) with their ranges: a leaf proves its goal for every value in them.
   * {@code underHypotheses} is the residual with the hypotheses' expressions abstracted, for the
   * natural-under-hypotheses form.
   */
  public record Goal(Condition residual, List<Expr> defined, Differentiated differentiated,
      Map<String, Bounds> parameters, Expr underHypotheses) {
    public Goal(Condition residual, List<Expr> defined, Differentiated differentiated,
        Map<String, Bounds> parameters) {
      this(residual, defined, differentiated, parameters, residual.f());
    }

    public Goal(Condition residual, List<Expr> defined, Differentiated differentiated) {
      this(residual, defined, differentiated, Map.of());
    }

    /** The same goal whose residual has the hypotheses' expressions abstracted ({@link UnderHypotheses}). */
    Goal withHypotheses(List<Condition> hypotheses) {
      return new Goal(residual, defined, differentiated, parameters,
          UnderHypotheses.abstracted(residual.f(), hypotheses));
    }

    /** A leaf's box with the parameters' ranges added. */
    public Map<String, Bounds> extend(Map<String, Bounds> box) {
      if (parameters.isEmpty()) {
        return box;
      }
      Map<String, Bounds> out = new LinkedHashMap<>(box);
      out.putAll(parameters);
      return out;
    }
  }

  private final Header header;
  private final List<String> variables;
  private final Map<String, Bounds> root;
  private final List<Condition> hypotheses;
  private List<Differentiated> differentiatedHypotheses;
  private final List<Relation> claims;
  private final List<Goal> goals;

  private Statement(Header header, List<String> variables, Map<String, Bounds> root,
      List<Condition> hypotheses, List<Relation> claims, List<Goal> goals) {
    this.header = header;
    this.variables = variables;
    this.root = root;
    this.hypotheses = hypotheses;
    this.claims = claims;
    this.goals = goals;
  }

  /** Parses and checks a header: names, root box, hash, expressions, reductions. */
  public static Statement of(Header h) throws Rejected {
    if (!ProofLog.sha256(h.lemmaText()).equals(h.lemmaSha256())) {
      throw new Rejected("header: lemmaSha256 is not the SHA-256 of lemmaText (edited lemma text"
          + " or hash)");
    }
    List<String> vars = List.copyOf(h.variables());
    if (vars.isEmpty() || new HashSet<>(vars).size() != vars.size()
        || !vars.stream().allMatch(v -> NAME.matcher(v).matches())) {
      throw new Rejected("header: variables must be distinct names, at least one: " + vars);
    }
    if (!h.root().keySet().equals(new HashSet<>(vars))) {
      throw new Rejected("header: the root box must bound exactly the variables " + vars);
    }
    Map<String, Bounds> root = new LinkedHashMap<>();
    vars.forEach(v -> root.put(v, h.root().get(v)));
    List<Condition> hyps = new ArrayList<>();
    for (int j = 0; j < h.hypotheses().size(); j++) {
      hyps.add(Condition.of(relation(h.hypotheses().get(j), "hypothesis " + j, vars)));
    }
    if (h.claims().isEmpty()) {
      throw new Rejected("header: no claim");
    }
    List<Relation> claims = new ArrayList<>();
    List<Goal> goals = new ArrayList<>();
    CertifiedEvaluator evaluator = new CertifiedEvaluator();
    for (int k = 0; k < h.claims().size(); k++) {
      Claim c = h.claims().get(k);
      Relation r = relation(c.relation(), "claim " + k, vars);
      claims.add(r);
      goals.add(Reductions.goal(k, r, c.reduction(), hyps, root, vars, evaluator)
          .withHypotheses(hyps));
    }
    return new Statement(h, vars, root, List.copyOf(hyps), List.copyOf(claims), List.copyOf(goals));
  }

  private static Relation relation(String text, String where, List<String> vars) throws Rejected {
    try {
      Relation r = ExprParser.parseRelation(text);
      check(r.lhs(), where, vars);
      check(r.rhs(), where, vars);
      return r;
    } catch (Rejected e) {
      throw e;
    } catch (InputException e) {
      throw new Rejected(where + ": " + e.getMessage());
    }
  }

  /** Parses an expression of the log over the statement's variables. */
  static Expr expression(String text, String where, List<String> vars) throws Rejected {
    try {
      Expr e = ExprParser.parse(text);
      check(e, where, vars);
      return e;
    } catch (Rejected e) {
      throw e;
    } catch (InputException e) {
      throw new Rejected(where + ": " + e.getMessage());
    }
  }

  private static void check(Expr e, String where, List<String> vars) throws Rejected {
    Set<String> unknown = new HashSet<>(Exprs.variables(e));
    unknown.removeAll(vars);
    if (!unknown.isEmpty()) {
      throw new Rejected(where + ": unknown variable(s) " + unknown + " in " + e.text());
    }
    if (Exprs.contains(e, x -> x instanceof Expr.Apply)) {
      throw new Rejected(where + ": unresolved call in " + e.text());
    }
  }

  public Header header() {
    return header;
  }

  public List<String> variables() {
    return variables;
  }

  public Map<String, Bounds> root() {
    return root;
  }

  public List<Condition> hypotheses() {
    return hypotheses;
  }

  /** Hypothesis j's difference with its partial derivatives (for the combined form), made once. */
  public synchronized Differentiated differentiatedHypothesis(int j) {
    if (differentiatedHypotheses == null) {
      differentiatedHypotheses = hypotheses.stream()
          .map(h -> Differentiated.of(h.f(), variables)).toList();
    }
    return differentiatedHypotheses.get(j);
  }

  public List<Relation> claims() {
    return claims;
  }

  public List<Goal> goals() {
    return goals;
  }

  /**
   * The counterexample line for claim {@code claim} at {@code point}, if the kernel certifies
   * that the point violates it (hypotheses certainly hold, the claim is certainly false or
   * certainly undefined).
   */
  public Optional<ProofLog.Counterexample> counterexample(int claim, Map<String, BigFraction> point) {
    CounterexampleCheck.Outcome o =
        CounterexampleCheck.atPoint(variables, point, hypotheses, claims.get(claim));
    if (!o.violated()) {
      return Optional.empty();
    }
    Map<String, BigFraction> ordered = new LinkedHashMap<>();
    variables.forEach(v -> ordered.put(v, point.get(v)));
    return Optional.of(new ProofLog.Counterexample(claim, ordered, o.lhs(), o.rhs(), o.undefined()));
  }

  /** The kernel's SMT-LIB2 refutation query of claim {@code claim} on {@code box}. */
  public String refutationQuery(int claim, Map<String, Bounds> box) {
    return KernelSmt.refutationQuery(variables, box, hypotheses, goals.get(claim));
  }
}
