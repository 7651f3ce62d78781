package org.eoscheck.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.Version;
import org.eoscheck.certificate.Bounds;
import org.eoscheck.certificate.CertifiedEvaluator;
import org.eoscheck.certificate.CounterexampleCheck;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.RationalFunction;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Statement;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;

/**
 * What the prover asks of the trusted kernel ({@link org.eoscheck.certificate}): the proof-log
 * header of a problem, the kernel's {@link Statement} (derived from the lemma text; it re-checks
 * every reduction exactly), leaves over the prover's boxes, exact algebra for the preconditioner,
 * and certified counterexamples. Evidence, statuses and verdicts are the kernel's own types.
 */
final class Certificates {
  private Certificates() {}

  /** The log header of a problem with its goals (reductions included) and the options that matter. */
  static ProofLog.Header header(Problem p, List<Goal> goals, CheckOptions o, String z3) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("minWidth", ExprPrinter.rational(o.minWidth()));
    options.put("z3", o.z3());
    options.put("pieces", o.pieces());
    if (!p.fixed().isEmpty()) {
      Map<String, String> fixed = new LinkedHashMap<>();
      p.fixed().forEach((k, v) -> fixed.put(k, ExprPrinter.rational(v)));
      options.put("fixed", fixed.toString());
    }
    List<String> hypotheses = new ArrayList<>();
    for (Problem.Hypothesis h : p.hypotheses()) {
      hypotheses.add(h.text());
    }
    List<ProofLog.Claim> claims = new ArrayList<>();
    for (Goal g : goals) {
      claims.add(new ProofLog.Claim(g.claim().source().text(), g.claim().relation().text(),
          g.reduction() == null ? null : reduction(g.reduction())));
    }
    return ProofLog.Header.of(p.lemma().name(), p.lemma().file(), p.lemma().text(),
        "eoscheck " + Version.get(), z3, options, p.variables(), box(p, p.root()), hypotheses,
        claims, o.shard() == null ? null : o.shard().toString());
  }

  private static ProofLog.Reduction reduction(Reduction r) {
    List<ProofLog.Factor> factors = new ArrayList<>();
    for (Reduction.Factor f : r.factors()) {
      String base = f.base().text();
      factors.add(switch (f.sign()) {
        case SQUARE -> ProofLog.Factor.of(base, f.power(), ProofLog.Sign.SQUARE);
        case HYPOTHESIS -> ProofLog.Factor.hypothesis(base, f.power(), f.hypothesis(),
            ExprPrinter.rational(f.ratio()));
        case POSITIVE_ON_ROOT -> ProofLog.Factor.of(base, f.power(), ProofLog.Sign.POSITIVE_ON_ROOT);
        case NEGATIVE_ON_ROOT -> ProofLog.Factor.of(base, f.power(), ProofLog.Sign.NEGATIVE_ON_ROOT);
        case NONNEGATIVE_ON_ROOT -> ProofLog.Factor.of(base, f.power(), ProofLog.Sign.NONNEGATIVE_ON_ROOT);
        case NONPOSITIVE_ON_ROOT -> ProofLog.Factor.of(base, f.power(), ProofLog.Sign.NONPOSITIVE_ON_ROOT);
        case OPEN -> ProofLog.Factor.of(base, f.power(), ProofLog.Sign.OPEN);
      });
    }
    return new ProofLog.Reduction(r.difference().text(),
        r.sqrtArgs() == null ? null : r.sqrtArgs().stream().map(Expr::text).toList(),
        ExprPrinter.rational(r.constant()), factors, r.residual().text(), r.meanValue(),
        r.rayleigh());
  }

  /** The kernel's statement of the header; a rejected reduction is dropped, never trusted. */
  static Statement statement(ProofLog.Header h) throws Rejected {
    return Statement.of(h);
  }

  /**
   * Goals with the definedness obligations the kernel derived and, for a mean-value reduction,
   * the residual and parameters the kernel built.
   */
  static List<Goal> withKernelObligations(List<Goal> goals, Statement s) {
    List<Goal> out = new ArrayList<>();
    for (Goal g : goals) {
      out.add(g.withKernel(s.goals().get(g.index())));
    }
    return out;
  }

  static Map<String, Bounds> box(Problem p, Box b) {
    Map<String, Bounds> m = new LinkedHashMap<>();
    for (int i = 0; i < b.dimension(); i++) {
      m.put(p.variables().get(i), new Bounds(b.lo().get(i), b.hi().get(i)));
    }
    return m;
  }

  static Box box(Problem p, String path, Map<String, Bounds> m) {
    List<BigFraction> lo = new ArrayList<>();
    List<BigFraction> hi = new ArrayList<>();
    for (String v : p.variables()) {
      lo.add(m.get(v).lo());
      hi.add(m.get(v).hi());
    }
    return new Box(path, lo, hi);
  }

  static ProofLog.Leaf leaf(Problem p, Box b, ProofLog.Status status,
      List<ProofLog.Evidence> evidence, long micros) {
    return new ProofLog.Leaf(b.path(), box(p, b), status, evidence, micros / 1000);
  }

  /** The hypotheses as the kernel judges them: each holds only where its domain is defined. */
  static List<Statement.Condition> hypothesisConditions(Problem p) {
    List<Statement.Condition> out = new ArrayList<>();
    for (Problem.Hypothesis h : p.hypotheses()) {
      out.add(new Statement.Condition(h.expr(), h.strict() ? Rel.GT : Rel.GE, h.domain()));
    }
    return out;
  }

  /** The kernel's certified judgement of a point, for claim {@code claim}. */
  static CounterexampleCheck.Outcome judge(Problem p, int claim, Map<String, BigFraction> point) {
    return CounterexampleCheck.atPoint(p.variables(), point, hypothesisConditions(p),
        p.claims().get(claim).relation(), p.claims().get(claim).domain());
  }

  /**
   * Whether the kernel's combined form shows hypothesis j certainly false on {@code b}, as replay
   * checks a vacuous leaf: asked on boxes with an infinite end, where the double enclosures and
   * the kernel's may differ.
   */
  static boolean vacuousOnBox(Problem p, int j, Box b) {
    Statement.Condition h = hypothesisConditions(p).get(j);
    try {
      return new CertifiedEvaluator().enclose(CertifiedEvaluator.Form.COMBINED,
          CertifiedEvaluator.Differentiated.of(h.f(), p.variables()), box(p, b)).certainlyNot(h.rel());
    } catch (CertifiedEvaluator.Undefined possiblyUndefined) {
      return false;
    }
  }

  /** Whether the kernel confirms that claim {@code claim} certainly fails on all of {@code b}. */
  static boolean violatedOnBox(Problem p, int claim, Box b) {
    return CounterexampleCheck.violatesOnBox(box(p, b), hypothesisConditions(p),
        p.claims().get(claim).relation()).violated();
  }

  static PointCertifier certifier(Problem p) {
    return new PointCertifier() {
      @Override
      public Optional<Counterexample> certify(int claim, Map<String, BigFraction> point) {
        return counterexample(claim, point, judge(p, claim, point));
      }

      @Override
      public Optional<Counterexample> certifyQuickly(int claim, Map<String, BigFraction> point) {
        return counterexample(claim, point, CounterexampleCheck.violatesQuickly(p.variables(),
            point, hypothesisConditions(p), p.claims().get(claim).relation(),
            p.claims().get(claim).domain()));
      }
    };
  }

  private static Optional<Counterexample> counterexample(int claim, Map<String, BigFraction> point,
      CounterexampleCheck.Outcome o) {
    return o.violated() ? Optional.of(new Counterexample(claim, point, side(o.lhs()),
        side(o.rhs()), o.undefined(), null)) : Optional.empty();
  }

  /** A certified enclosure of a claim's side as text; "undefined" for a side without one. */
  static String side(org.eoscheck.certificate.CertifiedInterval x) {
    return x == null ? "undefined" : x.toString();
  }

  static ProofLog.Counterexample counterexample(Problem p, Counterexample c) {
    CounterexampleCheck.Outcome o = judge(p, c.claim(), c.point());
    return new ProofLog.Counterexample(c.claim(), c.point(), o.lhs(), o.rhs(), o.undefined());
  }

  /** Exact rational-function identities, from the kernel. */
  static Preconditioner.ExactAlgebra algebra() {
    return new Preconditioner.ExactAlgebra() {
      @Override
      public boolean identical(Expr e, BigFraction constant, List<Reduction.Factor> factors) {
        try {
          RationalFunction product = RationalFunction.constant(constant);
          for (Reduction.Factor f : factors) {
            product = product.multiply(RationalFunction.of(f.base()).pow(f.power()));
          }
          return RationalFunction.of(e).sameAs(product);
        } catch (Rejected notRational) {
          return false;
        }
      }

      @Override
      public Optional<BigFraction> ratio(Expr a, Expr b) {
        try {
          return RationalFunction.of(a).ratioTo(RationalFunction.of(b));
        } catch (Rejected notRational) {
          return Optional.empty();
        }
      }
    };
  }
}
