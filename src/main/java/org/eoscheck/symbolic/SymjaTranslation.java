package org.eoscheck.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Expr.Add;
import org.eoscheck.expr.Expr.Apply;
import org.eoscheck.expr.Expr.Div;
import org.eoscheck.expr.Expr.GfsShift;
import org.eoscheck.expr.Expr.Mul;
import org.eoscheck.expr.Expr.Neg;
import org.eoscheck.expr.Expr.Num;
import org.eoscheck.expr.Expr.Pow;
import org.eoscheck.expr.Expr.Var;
import org.eoscheck.expr.Fn;
import org.eoscheck.symbolic.SymbolicEngine.Factorization;
import org.eoscheck.symbolic.SymbolicEngine.Factorization.Factor;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTAppendable;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Translation between {@link Expr} and Symja's {@link IExpr}. Variables become Symja dummy symbols
 * (never Symja's built-ins, so a parameter named E or D means what the user meant); each
 * {@link GfsShift} becomes a fresh opaque symbol for the duration of one call, and is put back on
 * the way home. Anything Symja answers that has no counterpart in {@link Expr} (Pi, I, infinities,
 * unevaluated calls, fractional powers other than halves) is a {@link SymbolicException}.
 *
 * <p>Not thread-safe; {@link SymbolicEngine} serialises access.
 */
final class SymjaTranslation {
  private final Map<String, ISymbol> symbols = new HashMap<>();
  private final Map<ISymbol, String> names = new IdentityHashMap<>();

  /** One call's translation state: the opaque symbols standing for implicit quantities. */
  Session newSession() {
    return new Session();
  }

  private ISymbol symbol(String name) {
    return symbols.computeIfAbsent(name, n -> {
      ISymbol s = F.Dummy(n);
      names.put(s, n);
      return s;
    });
  }

  final class Session {
    private final Map<GfsShift, ISymbol> opaque = new HashMap<>();
    private final Map<ISymbol, GfsShift> shifts = new IdentityHashMap<>();

    IExpr toSymja(Expr e) {
      return e.accept(new Expr.Visitor<IExpr>() {
        public IExpr num(Num n) {
          BigFraction q = n.value();
          BigInteger num = q.getNumerator();
          BigInteger den = q.getDenominator();
          if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
          }
          return den.equals(BigInteger.ONE) ? F.ZZ(num) : F.fraction(num, den);
        }

        public IExpr var(Var v) {
          return symbol(v.name());
        }

        public IExpr add(Add a) {
          return a.terms().size() == 1 ? toSymja(a.terms().get(0)) : F.Plus(all(a.terms()));
        }

        public IExpr mul(Mul m) {
          return m.factors().size() == 1 ? toSymja(m.factors().get(0)) : F.Times(all(m.factors()));
        }

        public IExpr neg(Neg n) {
          return F.Times(F.CN1, toSymja(n.arg()));
        }

        public IExpr div(Div d) {
          return F.Times(toSymja(d.num()), F.Power(toSymja(d.den()), F.CN1));
        }

        public IExpr pow(Pow p) {
          return F.Power(toSymja(p.base()), F.ZZ(p.exponent()));
        }

        public IExpr call(Expr.Call c) {
          IExpr x = toSymja(c.args().get(0));
          switch (c.fn()) {
            case SQRT:
              return F.Sqrt(x);
            case ABS:
              return F.Abs(x);
            case EXP:
              return F.Exp(x);
            case LOG:
              return F.Log(x);
            case SIN:
              return F.Sin(x);
            case COS:
              return F.Cos(x);
            case TANH:
              return F.Tanh(x);
            case MIN:
            case MAX:
              IASTAppendable ast = c.fn() == Fn.MIN ? F.Min() : F.Max();
              c.args().forEach(a -> ast.append(toSymja(a)));
              return ast;
            default:
              throw new SymbolicException("no Symja counterpart for " + c.fn().label());
          }
        }

        public IExpr gfsShift(GfsShift g) {
          return opaque.computeIfAbsent(g, k -> {
            ISymbol s = F.Dummy("gfsShift$" + opaque.size());
            shifts.put(s, k);
            return s;
          });
        }

        public IExpr apply(Apply a) {
          throw new SymbolicException("the unresolved call '" + a.name()
              + "(...)' cannot be sent to the computer-algebra system");
        }
      });
    }

    private IExpr[] all(List<Expr> es) {
      return es.stream().map(this::toSymja).toArray(IExpr[]::new);
    }

    Expr fromSymja(IExpr x) {
      if (x instanceof IRational q) {
        return new Num(fraction(q));
      }
      if (x.isSymbol()) {
        return symbolBack((ISymbol) x);
      }
      if (x.isPower()) {
        return powerBack(x.base(), x.exponent());
      }
      if (x.isPlus()) {
        return sumBack((IAST) x);
      }
      if (x.isTimes()) {
        return productBack((IAST) x);
      }
      if (x.isAST()) {
        IAST ast = (IAST) x;
        Fn fn = function(ast.head());
        if (fn != null && ast.argSize() >= 1) {
          List<Expr> args = new ArrayList<>();
          for (int i = 1; i < ast.size(); i++) {
            args.add(fromSymja(ast.get(i)));
          }
          return new Expr.Call(fn, args);
        }
      }
      throw new SymbolicException("Symja answered " + shorten(x)
          + ", which has no counterpart in eoscheck expressions");
    }

    private Expr symbolBack(ISymbol s) {
      if (s.isE()) {
        return new Expr.Call(Fn.EXP, List.of(org.eoscheck.expr.Exprs.ONE));
      }
      GfsShift g = shifts.get(s);
      if (g != null) {
        return g;
      }
      String name = s.isBuiltInSymbol() ? null : names.get(s);
      if (name == null) {
        throw new SymbolicException("Symja answered the symbol " + s
            + ", which has no counterpart in eoscheck expressions");
      }
      return new Var(name);
    }

    private Expr powerBack(IExpr base, IExpr exponent) {
      if (base.isE()) {
        return new Expr.Call(Fn.EXP, List.of(fromSymja(exponent)));
      }
      Factor f = factorOf(base, exponent);
      return Factorization.product(BigFraction.ONE, List.of(f));
    }

    /** base^exponent as one factor: integer exponents, or halves as powers of sqrt. */
    private Factor factorOf(IExpr base, IExpr exponent) {
      if (exponent.isInteger()) {
        return new Factor(fromSymja(base), intValue(exponent));
      }
      if (exponent instanceof IRational q && q.toBigDenominator().equals(BigInteger.TWO)) {
        return new Factor(Expr.sqrt(fromSymja(base)), intValue(q.numerator()));
      }
      throw new SymbolicException("Symja answered the power " + shorten(F.Power(base, exponent))
          + ", whose exponent is neither an integer nor a half-integer");
    }

    private Expr sumBack(IAST plus) {
      List<Expr> terms = new ArrayList<>();
      List<Expr> constants = new ArrayList<>();
      for (int i = 1; i < plus.size(); i++) {
        Expr t = fromSymja(plus.get(i));
        (t instanceof Num ? constants : terms).add(t);
      }
      // Read like a paper: a positive term first, constants last ("x*y - 1", "1 - x*y").
      for (int i = 0; i < terms.size(); i++) {
        if (!(terms.get(i) instanceof Neg)) {
          terms.add(0, terms.remove(i));
          break;
        }
      }
      if (!terms.isEmpty() && terms.get(0) instanceof Neg) {
        terms.addAll(0, constants);
      } else {
        terms.addAll(constants);
      }
      return terms.size() == 1 ? terms.get(0) : new Add(terms);
    }

    private Expr productBack(IAST times) {
      BigFraction constant = BigFraction.ONE;
      List<Factor> factors = new ArrayList<>();
      for (int i = 1; i < times.size(); i++) {
        IExpr f = times.get(i);
        if (f instanceof IRational q) {
          constant = constant.multiply(fraction(q));
        } else if (f.isPower() && !f.base().isE()) {
          factors.add(factorOf(f.base(), f.exponent()));
        } else {
          factors.add(new Factor(fromSymja(f), 1));
        }
      }
      return Factorization.product(constant, factors);
    }

    /** Decomposes a factored answer into constant * prod base^power. */
    Factorization factorization(IExpr x) {
      List<IExpr> parts = new ArrayList<>();
      if (x.isTimes()) {
        IAST times = (IAST) x;
        for (int i = 1; i < times.size(); i++) {
          parts.add(times.get(i));
        }
      } else {
        parts.add(x);
      }
      BigFraction constant = BigFraction.ONE;
      List<Factor> factors = new ArrayList<>();
      for (IExpr f : parts) {
        if (f instanceof IRational q) {
          constant = constant.multiply(fraction(q));
        } else if (f.isPower() && f.exponent().isInteger() && !f.base().isE()) {
          factors.add(new Factor(fromSymja(f.base()), intValue(f.exponent())));
        } else {
          factors.add(new Factor(fromSymja(f), 1));
        }
      }
      return new Factorization(constant, factors);
    }
  }

  private static Fn function(IExpr head) {
    if (head == S.Abs) {
      return Fn.ABS;
    }
    if (head == S.Log) {
      return Fn.LOG;
    }
    if (head == S.Sin) {
      return Fn.SIN;
    }
    if (head == S.Cos) {
      return Fn.COS;
    }
    if (head == S.Tanh) {
      return Fn.TANH;
    }
    if (head == S.Min) {
      return Fn.MIN;
    }
    if (head == S.Max) {
      return Fn.MAX;
    }
    if (head == S.Sqrt) {
      return Fn.SQRT;
    }
    return head == S.Exp ? Fn.EXP : null;
  }

  private static BigFraction fraction(IRational q) {
    return BigFraction.of(q.toBigNumerator(), q.toBigDenominator());
  }

  private static int intValue(IExpr integer) {
    BigInteger k = ((IRational) integer).toBigNumerator();
    if (k.bitLength() > 30) {
      throw new SymbolicException("Symja answered an exponent too large to represent: " + k);
    }
    return k.intValue();
  }

  private static String shorten(IExpr x) {
    String s = x.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
