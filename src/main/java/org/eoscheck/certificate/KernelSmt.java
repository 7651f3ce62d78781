package org.eoscheck.certificate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.certificate.Statement.Condition;
import org.eoscheck.certificate.Statement.Goal;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Expr.Add;
import org.eoscheck.expr.Expr.Apply;
import org.eoscheck.expr.Expr.Call;
import org.eoscheck.expr.Expr.Div;
import org.eoscheck.expr.Expr.GfsShift;
import org.eoscheck.expr.Expr.Mul;
import org.eoscheck.expr.Expr.Neg;
import org.eoscheck.expr.Expr.Num;
import org.eoscheck.expr.Expr.Pow;
import org.eoscheck.expr.Expr.Var;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Rel;

/**
 * The kernel's SMT-LIB2 encoder: the refutation query of one claim on one box. The prover stores
 * exactly this text in a z3 leaf; replay rebuilds it, compares the strings, and runs it.
 *
 * <p>The query asserts: the box (exact rational bounds, an infinite end asserting nothing); every hypothesis defined and true; and
 * NOT (every expression of the goal's {@code defined} list defined, the residual defined, and
 * residual rel 0). Unsat therefore means: at every point of the box where the hypotheses hold,
 * the goal holds.
 *
 * <p>Encoding of each node e: a real term val(e) and a boolean def(e). Partial operations get an
 * auxiliary real constrained only under their definedness: for a/b, q with def =&gt; q*b = a (def
 * includes b != 0); for sqrt(a), s with def =&gt; (s &gt;= 0 and s*s = a) (def includes a &gt;= 0);
 * for x^-n, q with def =&gt; q*x^n = 1; for gfsShift(t; u), d with def =&gt; (u_i + d &gt; 0 for all i
 * and prod (u_i + d) = t) (def includes t &gt; 0). Soundness: if some point x violates the goal,
 * giving every auxiliary its true value where defined satisfies all assertions (each guarded
 * definition is satisfiable for any values of its arguments), so the query is satisfiable;
 * contrapositively unsat excludes such x. exp, log, sin, cos and tanh are abstracted the same way:
 * an auxiliary constrained only by facts their true value satisfies (exp &gt; 0; sin, cos in
 * [-1, 1]; tanh in (-1, 1); log with def including a &gt; 0 and no constraint), so a query unsat
 * for the abstraction is unsat for the functions (Z3 decides it with the values left free).
 *
 * <p>Every compound term is named with define-fun (equal subexpressions share one name), in a
 * deterministic order, so equal inputs give equal text.
 */
public final class KernelSmt {
  private final StringBuilder out = new StringBuilder();
  private final Map<Expr, Term> memo = new HashMap<>();
  private int counter;

  private record Term(String value, String defined) {}

  private KernelSmt() {}

  /** The query text; throws IllegalArgumentException for a function the encoder does not support. */
  public static String refutationQuery(List<String> vars, Map<String, Bounds> box,
      List<Condition> hypotheses, Goal goal) {
    KernelSmt k = new KernelSmt();
    StringBuilder o = k.out;
    if (!goal.parameters().isEmpty()) {
      vars = new ArrayList<>(vars);
      vars.addAll(goal.parameters().keySet());
      box = goal.extend(box);
    }
    o.append("; eoscheck kernel refutation query: unsat means the goal holds on the box\n");
    o.append("(set-logic QF_NRA)\n");
    for (String v : vars) {
      o.append("(declare-const ").append(quote(v)).append(" Real)\n");
    }
    for (String v : vars) {
      Bounds b = box.get(v);
      if (b == null) {
        throw new IllegalArgumentException("the box does not bound " + v);
      }
      if (b.isPoint()) {
        o.append("(assert (= " + quote(v) + " " + number(b.lo()) + "))\n");
      } else if (b.bounded()) {
        o.append("(assert (and (<= " + number(b.lo()) + " " + quote(v) + ") (<= " + quote(v) + " "
            + number(b.hi()) + ")))\n");
      } else if (b.lo() != null) {
        o.append("(assert (<= " + number(b.lo()) + " " + quote(v) + "))\n");
      } else if (b.hi() != null) {
        o.append("(assert (<= " + quote(v) + " " + number(b.hi()) + "))\n");
      } // an infinite end asserts nothing
    }
    for (Condition h : hypotheses) {
      Term t = k.term(h.f());
      List<String> holds = new ArrayList<>();
      for (Expr d : h.domain()) {
        holds.add(k.term(d).defined);
      }
      holds.add(t.defined);
      holds.add(relation(h.rel(), t.value));
      o.append("(assert ").append(and(holds)).append(")\n");
    }
    List<String> conclusion = new ArrayList<>();
    for (Expr e : goal.defined()) {
      conclusion.add(k.term(e).defined);
    }
    Term r = k.term(goal.residual().f());
    conclusion.add(r.defined);
    conclusion.add(relation(goal.residual().rel(), r.value));
    o.append("(assert (not ").append(and(conclusion)).append("))\n");
    o.append("(check-sat)\n");
    return o.toString();
  }

  private Term term(Expr e) {
    Term t = memo.get(e);
    if (t == null) {
      t = e.accept(new Encoder());
      memo.put(e, t);
    }
    return t;
  }

  private final class Encoder implements Expr.Visitor<Term> {
    public Term num(Num n) {
      return new Term(number(n.value()), "true");
    }

    public Term var(Var v) {
      return new Term(quote(v.name()), "true");
    }

    public Term add(Add a) {
      return nary("+", a.terms());
    }

    public Term mul(Mul m) {
      return nary("*", m.factors());
    }

    public Term neg(Neg n) {
      Term x = term(n.arg());
      return named("(- " + x.value + ")", x.defined);
    }

    public Term div(Div d) {
      Term a = term(d.num());
      Term b = term(d.den());
      String def = flag(List.of(a.defined, b.defined, "(not (= " + b.value + " 0.0))"));
      return partial(def, q -> "(= (* " + q + " " + b.value + ") " + a.value + ")");
    }

    public Term pow(Pow p) {
      Term b = term(p.base());
      int n = Math.abs(p.exponent());
      String power = n == 0 ? "1.0" : n == 1 ? b.value
          : "(* " + String.join(" ", Collections.nCopies(n, b.value)) + ")";
      if (p.exponent() >= 0) {
        return n <= 1 ? new Term(power, b.defined) : named(power, b.defined);
      }
      String def = flag(List.of(b.defined, "(not (= " + b.value + " 0.0))"));
      return partial(def, q -> "(= (* " + q + " " + power + ") 1.0)");
    }

    public Term call(Call c) {
      List<Term> args = c.args().stream().map(KernelSmt.this::term).toList();
      Term x = args.get(0);
      String defs = flag(args.stream().map(Term::defined).toList());
      switch (c.fn()) {
        case SQRT:
          return partial(flag(List.of(x.defined, "(>= " + x.value + " 0.0)")),
              s -> "(and (>= " + s + " 0.0) (= (* " + s + " " + s + ") " + x.value + "))");
        case ABS:
          return named("(ite (>= " + x.value + " 0.0) " + x.value + " (- " + x.value + "))", x.defined);
        case MIN:
        case MAX:
          String cmp = c.fn() == Fn.MIN ? "<=" : ">=";
          String acc = x.value;
          for (Term y : args.subList(1, args.size())) {
            acc = "(ite (" + cmp + " " + acc + " " + y.value + ") " + acc + " " + y.value + ")";
          }
          return named(acc, defs);
        case EXP:
          return partial(x.defined, e -> "(> " + e + " 0.0)");
        case LOG:
          return partial(flag(List.of(x.defined, "(> " + x.value + " 0.0)")), e -> "true");
        case SIN:
        case COS:
          return partial(x.defined, e -> "(and (<= (- 1.0) " + e + ") (<= " + e + " 1.0))");
        case TANH:
          return partial(x.defined, e -> "(and (< (- 1.0) " + e + ") (< " + e + " 1.0))");
        case EIGMAX:
        case EIGMIN:
          return partial(defs, e -> extremeEigenvalue(args, e, c.fn() == Fn.EIGMAX));
        default:
          throw new IllegalArgumentException("the kernel's SMT encoder does not support "
              + c.fn().label());
      }
    }

    public Term gfsShift(GfsShift g) {
      Term t = term(g.target());
      List<Term> us = g.squares().stream().map(KernelSmt.this::term).toList();
      List<String> defs = new ArrayList<>(us.stream().map(Term::defined).toList());
      defs.add(t.defined);
      defs.add("(> " + t.value + " 0.0)");
      return partial(flag(defs), d -> {
        List<String> parts = new ArrayList<>();
        List<String> shifted = new ArrayList<>();
        for (Term u : us) {
          String s = "(+ " + u.value + " " + d + ")";
          shifted.add(s);
          parts.add("(> " + s + " 0.0)");
        }
        parts.add("(= " + (shifted.size() == 1 ? shifted.get(0)
            : "(* " + String.join(" ", shifted) + ")") + " " + t.value + ")");
        return and(parts);
      });
    }

    public Term apply(Apply a) {
      throw new IllegalArgumentException("unresolved call " + a.name());
    }

    /**
     * What the top eigenvalue l of H (upper triangle {@code upper}) satisfies: l I - H is positive
     * semidefinite, so every principal minor of it is &gt;= 0, and l is an eigenvalue, so
     * det(l I - H) = 0 (for the bottom eigenvalue, H - l I likewise). Up to order 4 all principal
     * minors and the determinant are asserted, and they characterise l exactly (PSD and singular:
     * l &gt;= lambdaMax and l an eigenvalue); beyond, the minors of order 1 and 2 only, an
     * abstraction the true value satisfies, so an unsat answer stays sound.
     */
    private String extremeEigenvalue(List<Term> upper, String l, boolean top) {
      int n = Fn.matrixOrder(upper.size());
      String[][] a = new String[n][n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++, k++) {
          String h = upper.get(k).value;
          a[i][j] = i != j ? (top ? "(- " + h + ")" : h) : top ? "(- " + l + " " + h + ")"
              : "(- " + h + " " + l + ")";
          a[j][i] = a[i][j];
        }
      }
      int largest = n <= 4 ? n : 2;
      List<String> parts = new ArrayList<>();
      for (int mask = 1; mask < 1 << n; mask++) {
        if (Integer.bitCount(mask) <= largest) {
          List<Integer> rows = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            if ((mask >> i & 1) == 1) {
              rows.add(i);
            }
          }
          parts.add("(>= " + minor(a, rows, rows) + " 0.0)");
        }
      }
      if (largest == n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          all.add(i);
        }
        parts.add("(= " + minor(a, all, all) + " 0.0)");
      }
      return and(parts);
    }

    /** The determinant of the rows x cols submatrix, by Laplace expansion along the first row. */
    private String minor(String[][] a, List<Integer> rows, List<Integer> cols) {
      if (rows.size() == 1) {
        return a[rows.get(0)][cols.get(0)];
      }
      List<String> terms = new ArrayList<>();
      for (int c = 0; c < cols.size(); c++) {
        List<Integer> rest = new ArrayList<>(cols);
        rest.remove(c);
        String term = "(* " + a[rows.get(0)][cols.get(c)] + " "
            + minor(a, rows.subList(1, rows.size()), rest) + ")";
        terms.add(c % 2 == 0 ? term : "(- " + term + ")");
      }
      return "(+ " + String.join(" ", terms) + ")";
    }

    private Term nary(String op, List<Expr> xs) {
      List<Term> ts = xs.stream().map(KernelSmt.this::term).toList();
      if (ts.size() == 1) {
        return ts.get(0);
      }
      return named("(" + op + " " + ts.stream().map(Term::value).collect(Collectors.joining(" ")) + ")",
          flag(ts.stream().map(Term::defined).toList()));
    }
  }

  /** A fresh auxiliary real x with the assertion def =&gt; definition(x). */
  private Term partial(String def, UnaryOperator<String> definition) {
    String x = "|aux!" + counter++ + "|";
    out.append("(declare-const ").append(x).append(" Real)\n");
    out.append("(assert (=> ").append(def).append(" ").append(definition.apply(x)).append("))\n");
    return new Term(x, def);
  }

  /** A name for a compound real term. */
  private Term named(String value, String defined) {
    String x = "|e!" + counter++ + "|";
    out.append("(define-fun ").append(x).append(" () Real ").append(value).append(")\n");
    return new Term(x, defined);
  }

  /** A name for a conjunction of definedness conditions ("true" stays "true"). */
  private String flag(List<String> conditions) {
    String c = and(conditions);
    if (c.equals("true") || !c.startsWith("(")) {
      return c;
    }
    String x = "|ok!" + counter++ + "|";
    out.append("(define-fun ").append(x).append(" () Bool ").append(c).append(")\n");
    return x;
  }

  private static String and(List<String> conditions) {
    List<String> cs = conditions.stream().filter(c -> !c.equals("true")).distinct().toList();
    return cs.isEmpty() ? "true" : cs.size() == 1 ? cs.get(0) : "(and " + String.join(" ", cs) + ")";
  }

  private static String relation(Rel rel, String value) {
    String op = rel == Rel.GE ? ">=" : rel == Rel.GT ? ">" : "=";
    return "(" + op + " " + value + " 0.0)";
  }

  private static String quote(String name) {
    return "|" + name + "|";
  }

  /** An exact rational as an SMT-LIB real term. */
  static String number(BigFraction q) {
    String text = ProofLog.rational(q.abs());
    String[] pq = text.split("/");
    String positive = pq.length == 1 ? pq[0] + ".0" : "(/ " + pq[0] + ".0 " + pq[1] + ".0)";
    return q.signum() < 0 ? "(- " + positive + ")" : positive;
  }
}
