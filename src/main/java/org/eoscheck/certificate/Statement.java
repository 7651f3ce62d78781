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
  public record Condition(Expr f, Rel rel, List<Expr> domain) {
    public Condition {
      domain = List.copyOf(domain);
    }

    public Condition(Expr f, Rel rel) {
      this(f, rel, List.of());
    }

    /** The same condition, holding only where every expression of {@code where} is defined. */
    public Condition within(List<Expr> where) {
      return new Condition(f, rel, where);
    }

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

    /** The same goal, with the expressions of {@code domain} also to be shown defined. */
    Goal definedOn(List<Expr> domain) {
      if (domain.isEmpty()) {
        return this;
      }
      List<Expr> all = new ArrayList<>(defined);
      all.addAll(domain);
      return new Goal(residual, all, differentiated, parameters, underHypotheses);
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
  /** Per claim, the expressions of its domain that may be undefined (LemmaSemantics). */
  private final List<List<Expr>> claimDomains;
  private final List<Goal> goals;

  private Statement(Header header, List<String> variables, Map<String, Bounds> root,
      List<Condition> hypotheses, List<Relation> claims, List<List<Expr>> claimDomains,
      List<Goal> goals) {
    this.claimDomains = claimDomains;
    this.header = header;
    this.variables = variables;
    this.root = root;
    this.hypotheses = hypotheses;
    this.claims = claims;
    this.goals = goals;
  }

  /**
   * Derives the statement from the header's lemma text ({@link LemmaSemantics}) and checks that
   * every header field the text determines says the same (variables, root box, hypotheses,
   * claims); then checks the reductions. Nothing the prover wrote about the statement is trusted:
   * a header that differs from the text is rejected, naming the field.
   */
  public static Statement of(Header h) throws Rejected {
    if (!ProofLog.sha256(h.lemmaText()).equals(h.lemmaSha256())) {
      throw new Rejected("header: lemmaSha256 is not the SHA-256 of lemmaText (edited lemma text"
          + " or hash)");
    }
    LemmaSemantics.Meaning m;
    try {
      m = LemmaSemantics.of(LemmaSource.member(h.lemmaText(), "lemmaText", h.lemma()));
    } catch (InputException e) {
      throw new Rejected("header: the lemma text does not elaborate: " + e.getMessage());
    }
    List<String> vars = m.variables();
    same("variables", h.variables(), vars);
    for (String v : vars) {
      Bounds b = h.root().get(v);
      Bounds t = m.root().get(v);
      if (b == null || !b.equals(t)) {
        throw new Rejected("header: root bounds " + v + " by " + (b == null ? "nothing" : b)
            + " but the lemma text gives " + t.toString());
      }
    }
    same("the variables of root", h.root().keySet(), m.root().keySet());
    Map<String, Bounds> root = m.root();
    same("the number of hypotheses", h.hypotheses().size(), m.hypotheses().size());
    List<Condition> hyps = new ArrayList<>();
    for (int j = 0; j < h.hypotheses().size(); j++) {
      LemmaSemantics.Hypothesis mh = m.hypotheses().get(j);
      same("hypothesis " + (j + 1), h.hypotheses().get(j), mh.text());
      hyps.add(Condition.of(relation(mh.text(), "hypothesis " + (j + 1), vars))
          .within(partial(mh.domain())));
    }
    same("the number of claims", h.claims().size(), m.claims().size());
    List<Relation> claims = new ArrayList<>();
    List<List<Expr>> domains = new ArrayList<>();
    List<Goal> goals = new ArrayList<>();
    CertifiedEvaluator evaluator = new CertifiedEvaluator();
    for (int k = 0; k < h.claims().size(); k++) {
      Claim c = h.claims().get(k);
      LemmaSemantics.Claim mc = m.claims().get(k);
      domains.add(partial(mc.domain()));
      same("claim " + (k + 1) + " source", c.source(), mc.source().text());
      same("claim " + (k + 1), c.relation(), mc.relation().text());
      Relation r = relation(mc.relation().text(), "claim " + (k + 1), vars);
      claims.add(r);
      goals.add(Reductions.goal(k, r, c.reduction(), hyps, root, vars, evaluator)
          .withHypotheses(hyps).definedOn(partial(mc.domain())));
    }
    return new Statement(h, vars, root, List.copyOf(hyps), List.copyOf(claims),
        List.copyOf(domains), List.copyOf(goals));
  }

  /** The expressions of a domain that may be undefined somewhere (the others always are). */
  private static List<Expr> partial(List<Expr> domain) {
    return domain.stream().filter(e -> !Exprs.total(e)).toList();
  }

  private static void same(String field, Object header, Object text) throws Rejected {
    if (!header.equals(text)) {
      throw new Rejected("header: " + field + " is " + shown(header) + " but the lemma text gives "
          + shown(text));
    }
  }

  private static String shown(Object o) {
    String s = String.valueOf(o);
    return s.length() <= 200 ? "'" + s + "'" : "'" + s.substring(0, 197) + "...'";
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

  /** The expressions that must be defined wherever claim {@code k} is (besides its sides). */
  public List<Expr> claimDomain(int k) {
    return claimDomains.get(k);
  }

  /**
   * The counterexample line for claim {@code claim} at {@code point}, if the kernel certifies
   * that the point violates it (hypotheses certainly hold, the claim is certainly false or
   * certainly undefined).
   */
  public Optional<ProofLog.Counterexample> counterexample(int claim, Map<String, BigFraction> point) {
    CounterexampleCheck.Outcome o =
        CounterexampleCheck.atPoint(variables, point, hypotheses, claims.get(claim),
            claimDomains.get(claim));
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
