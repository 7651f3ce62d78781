package org.eoscheck.smt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.numbers.fraction.BigFraction;
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
import org.eoscheck.expr.Exprs;
import org.eoscheck.expr.Fn;
import org.eoscheck.expr.Relation;

/**
 * Exact SMT-LIB2 (QF_NRA) encoding of "is there a point of the box where the hypotheses hold and
 * the goal fails?".
 *
 * <p>Every constant is an exact rational: {@code (/ p q)} with non-negative literals, negated with
 * {@code (- ...)}. The non-polynomial parts of an expression become auxiliary real variables, each
 * constrained only under its <em>definedness guard</em>:
 *
 * <ul>
 *   <li>{@code a / b}: a fresh q with {@code b != 0 => q b = a}; guard {@code b != 0};
 *   <li>{@code sqrt(A)}: a fresh s with {@code A >= 0 => (s >= 0 and s^2 = A)}; guard {@code A >= 0};
 *   <li>{@code abs}, {@code min}, {@code max}: a fresh m with m bounding every argument and equal to
 *       one of them (no guard);
 *   <li>{@code b^k}: the k-fold product for k > 0, {@code 1 / b^|k|} for k < 0, 1 for k = 0;
 *   <li>{@code gfsShift(t; u_1..u_D)}: a fresh d with
 *       {@code t > 0 => (prod_i (u_i + d) = t and u_i + d > 0 for all i)}; guard {@code t > 0}. On
 *       (-min u_i, infinity) the product increases strictly from 0 to infinity, so this pins d to
 *       the shift delta* of the gradient-flow solution of the scalar network (Kreisler, Nacson,
 *       Soudry, Carmon, ICML 2023).
 * </ul>
 *
 * <p>{@code defined(e)} is the conjunction of the guards of the sub-terms of e. Each auxiliary
 * constraint is satisfiable for any values of its inputs, so any point of the box extends to an
 * assignment of the auxiliaries, and wherever {@code defined(e)} holds every auxiliary of e equals
 * the true value of its sub-term. Hence the query
 *
 * <pre>
 *   box(x) and (defined(h) and h) for every hypothesis h and (not defined(g) or not g)
 * </pre>
 *
 * is unsatisfiable exactly when the goal g is defined and true at every point of the box where all
 * hypotheses are defined and true. Expressions are encoded as given, without simplification:
 * simplifying can enlarge the domain of definition (0 * (1/x) is not 0 at x = 0).
 */
public final class SmtEncoder {

  /** An expression outside QF_NRA (exp, log, sin, cos, tanh, or an unresolved call). */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unsupported(String message) {
      super(message);
    }
  }

  private SmtEncoder() {}

  /**
   * The SMT-LIB2 script asking for a point x of {@code box} where all {@code hypotheses} hold and
   * {@code goal} fails or is undefined; {@code unsat} means the goal holds on the whole box wherever
   * the hypotheses hold.
   *
   * <p>Declared are the variables of {@code vars}, then those of the box, then any other free
   * variable of the relations (unbounded unless boxed), then the auxiliaries. A box maps a variable
   * to {lo, hi} with lo <= hi.
   *
   * @throws Unsupported for a function outside QF_NRA
   * @throws IllegalArgumentException for an empty or malformed box interval
   */
  public static String refutationQuery(List<String> vars, Map<String, BigFraction[]> box,
      List<Relation> hypotheses, Relation goal) {
    Set<String> user = new LinkedHashSet<>(vars);
    user.addAll(box.keySet());
    for (Relation r : concat(hypotheses, goal)) {
      user.addAll(Exprs.variables(r.lhs()));
      user.addAll(Exprs.variables(r.rhs()));
    }
    Encoding enc = new Encoding(user);
    List<String> hypothesisAsserts = new ArrayList<>();
    for (Relation h : hypotheses) {
      Term t = enc.relation(h);
      hypothesisAsserts.add("; hypothesis: " + oneLine(h.text()) + "\n(assert "
          + and(union(t.guards(), List.of(t.smt()))) + ")\n");
    }
    Term g = enc.relation(goal);
    String goalAssert = "; goal (negated): " + oneLine(goal.text()) + "\n(assert "
        + or(List.of(not(and(g.guards())), not(g.smt()))) + ")\n";

    StringBuilder out = new StringBuilder();
    out.append("; eoscheck refutation query: unsat <=> the goal is defined and true on the box\n");
    out.append("; wherever the hypotheses are defined and true\n");
    out.append("(set-logic QF_NRA)\n");
    for (String v : user) {
      out.append("(declare-fun ").append(symbol(v)).append(" () Real)\n");
    }
    for (String a : enc.auxiliaries) {
      out.append("(declare-fun ").append(a).append(" () Real)\n");
    }
    for (Map.Entry<String, BigFraction[]> b : box.entrySet()) {
      BigFraction[] iv = b.getValue();
      if (iv == null || iv.length != 2 || iv[0] == null || iv[1] == null
          || iv[0].compareTo(iv[1]) > 0) {
        throw new IllegalArgumentException("box interval of " + b.getKey() + " must be {lo, hi} with lo <= hi");
      }
      String x = symbol(b.getKey());
      out.append("(assert (and (<= ").append(rational(iv[0])).append(' ').append(x).append(") (<= ")
          .append(x).append(' ').append(rational(iv[1])).append(")))\n");
    }
    for (String d : enc.definitions) {
      out.append("(assert ").append(d).append(")\n");
    }
    hypothesisAsserts.forEach(out::append);
    out.append(goalAssert);
    out.append("(check-sat)\n");
    return out.toString();
  }

  /** An exact rational as an SMT-LIB2 real term: p, (/ p q), (- p) or (- (/ p q)). */
  public static String rational(BigFraction q) {
    BigInteger p = q.getNumerator().abs();
    BigInteger d = q.getDenominator().abs();
    String magnitude = d.equals(BigInteger.ONE) ? p.toString() : "(/ " + p + " " + d + ")";
    return q.signum() < 0 ? "(- " + magnitude + ")" : magnitude;
  }

  private static final Pattern SIMPLE_SYMBOL =
      Pattern.compile("[A-Za-z~!@$%^&*_+=<>.?/\\-][A-Za-z0-9~!@$%^&*_+=<>.?/\\-]*");
  private static final Set<String> RESERVED = Set.of("!", "_", "as", "let", "exists", "forall",
      "match", "par", "BINARY", "DECIMAL", "HEXADECIMAL", "NUMERAL", "STRING");

  /** A variable name as an SMT-LIB2 symbol, quoted with |..| when it is not a simple symbol. */
  public static String symbol(String name) {
    if (SIMPLE_SYMBOL.matcher(name).matches() && !RESERVED.contains(name)) {
      return name;
    }
    if (name.indexOf('|') >= 0 || name.indexOf('\\') >= 0 || name.isEmpty()) {
      throw new IllegalArgumentException("variable name cannot be an SMT-LIB symbol: '" + name + "'");
    }
    return "|" + name + "|";
  }

  // ---------------------------------------------------------------------------------------------

  /** An encoded term and the guards (SMT-LIB2 formulas) under which it equals the expression. */
  private record Term(String smt, Set<String> guards) {}

  /** The state of one encoding: auxiliary variables and their guarded definitions. */
  private static final class Encoding implements Expr.Visitor<Term> {
    private final Set<String> userNames;
    private final Map<Expr, Term> memo = new HashMap<>();
    final List<String> auxiliaries = new ArrayList<>();
    final List<String> definitions = new ArrayList<>();
    private int counter;

    Encoding(Set<String> userNames) {
      this.userNames = userNames;
    }

    Term relation(Relation r) {
      Term a = term(r.lhs());
      Term b = term(r.rhs());
      String op = switch (r.op()) {
        case LE -> "<=";
        case LT -> "<";
        case GE -> ">=";
        case GT -> ">";
        case EQ -> "=";
      };
      return new Term("(" + op + " " + a.smt() + " " + b.smt() + ")", union(a.guards(), b.guards()));
    }

    Term term(Expr e) {
      Term t = memo.get(e);
      if (t == null) {
        t = e.accept(this);
        memo.put(e, t);
      }
      return t;
    }

    private List<Term> terms(List<Expr> es) {
      return es.stream().map(this::term).toList();
    }

    private static Set<String> guardsOf(List<Term> ts) {
      Set<String> g = new LinkedHashSet<>();
      ts.forEach(t -> g.addAll(t.guards()));
      return g;
    }

    private static Term node(String op, List<Term> args) {
      if (args.size() == 1 && !op.equals("-")) {
        return args.get(0);
      }
      String body = args.stream().map(Term::smt).collect(Collectors.joining(" "));
      return new Term("(" + op + " " + body + ")", guardsOf(args));
    }

    /** A fresh auxiliary symbol, distinct from every user variable. */
    private String fresh(String stem) {
      String name;
      do {
        name = stem + "!" + (++counter);
      } while (userNames.contains(name));
      auxiliaries.add(name);
      return name;
    }

    /** A fresh auxiliary constrained by {@code definition} under {@code guard} (null: always). */
    private Term auxiliary(String stem, List<Term> inputs, String guard,
        java.util.function.Function<String, String> definition) {
      String v = fresh(stem);
      String def = definition.apply(v);
      definitions.add(guard == null ? def : "(=> " + guard + " " + def + ")");
      Set<String> guards = guardsOf(inputs);
      if (guard != null) {
        guards.add(guard);
      }
      return new Term(v, guards);
    }

    @Override
    public Term num(Num n) {
      return new Term(rational(n.value()), Set.of());
    }

    @Override
    public Term var(Var v) {
      return new Term(symbol(v.name()), Set.of());
    }

    @Override
    public Term add(Add a) {
      return node("+", terms(a.terms()));
    }

    @Override
    public Term mul(Mul m) {
      return node("*", terms(m.factors()));
    }

    @Override
    public Term neg(Neg n) {
      return node("-", List.of(term(n.arg())));
    }

    @Override
    public Term div(Div d) {
      Term a = term(d.num());
      if (d.den() instanceof Num c) {
        if (c.value().signum() == 0) {
          return new Term(a.smt(), union(a.guards(), List.of("false")));
        }
        return node("*", List.of(new Term(rational(c.value().reciprocal()), Set.of()), a));
      }
      Term b = term(d.den());
      return auxiliary("q", List.of(a, b), not("(= " + b.smt() + " 0)"),
          q -> "(= (* " + q + " " + b.smt() + ") " + a.smt() + ")");
    }

    @Override
    public Term pow(Pow p) {
      int k = p.exponent();
      if (k < 0) {
        return term(new Div(Exprs.ONE, new Pow(p.base(), -k)));
      }
      Term b = term(p.base());
      if (k == 0) {
        return new Term("1", b.guards());
      }
      return node("*", Collections.nCopies(k, b));
    }

    @Override
    public Term call(Call c) {
      List<Term> args = terms(c.args());
      Fn fn = c.fn();
      switch (fn) {
        case SQRT: {
          String a = args.get(0).smt();
          return auxiliary("sqrt", args, "(>= " + a + " 0)",
              s -> "(and (>= " + s + " 0) (= (* " + s + " " + s + ") " + a + "))");
        }
        case ABS: {
          String a = args.get(0).smt();
          return auxiliary("abs", args, null,
              m -> "(and (>= " + m + " " + a + ") (>= " + m + " (- " + a + ")) (or (= " + m + " "
                  + a + ") (= " + m + " (- " + a + "))))");
        }
        case MIN:
        case MAX: {
          String cmp = fn == Fn.MIN ? "<=" : ">=";
          return auxiliary(fn.label(), args, null, m -> {
            List<String> bounds = new ArrayList<>();
            List<String> choices = new ArrayList<>();
            for (Term t : args) {
              bounds.add("(" + cmp + " " + m + " " + t.smt() + ")");
              choices.add("(= " + m + " " + t.smt() + ")");
            }
            bounds.add(or(choices));
            return and(bounds);
          });
        }
        default:
          throw new Unsupported(fn.label() + " is outside QF_NRA (polynomial real arithmetic)");
      }
    }

    @Override
    public Term gfsShift(GfsShift g) {
      List<Term> squares = terms(g.squares());
      Term t = term(g.target());
      List<Term> inputs = new ArrayList<>(squares);
      inputs.add(t);
      return auxiliary("gfs", inputs, "(> " + t.smt() + " 0)", d -> {
        List<String> shifted = squares.stream().map(u -> "(+ " + u.smt() + " " + d + ")").toList();
        List<String> facts = new ArrayList<>();
        String product = shifted.size() == 1 ? shifted.get(0) : "(* " + String.join(" ", shifted) + ")";
        facts.add("(= " + product + " " + t.smt() + ")");
        shifted.forEach(s -> facts.add("(> " + s + " 0)"));
        return and(facts);
      });
    }

    @Override
    public Term apply(Apply a) {
      throw new Unsupported("unresolved function " + a.name() + " (column " + a.column() + ")");
    }
  }

  // ---- small formula helpers ----

  private static String and(java.util.Collection<String> fs) {
    List<String> rest = fs.stream().filter(f -> !f.equals("true")).toList();
    if (rest.isEmpty()) {
      return "true";
    }
    return rest.size() == 1 ? rest.get(0) : "(and " + String.join(" ", rest) + ")";
  }

  private static String or(List<String> fs) {
    return fs.size() == 1 ? fs.get(0) : "(or " + String.join(" ", fs) + ")";
  }

  private static String not(String f) {
    return "(not " + f + ")";
  }

  private static Set<String> union(java.util.Collection<String> a, java.util.Collection<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return s;
  }

  private static List<Relation> concat(List<Relation> hs, Relation g) {
    List<Relation> all = new ArrayList<>(hs);
    all.add(g);
    return all;
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
