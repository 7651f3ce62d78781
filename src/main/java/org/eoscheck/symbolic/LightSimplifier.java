package org.eoscheck.symbolic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Exprs;
import org.eoscheck.symbolic.SymbolicEngine.Factorization;
import org.eoscheck.symbolic.SymbolicEngine.Factorization.Factor;

/**
 * A cheap tidy-up for expressions too big for the computer-algebra system: after
 * {@link Exprs#simplify}, each product or quotient becomes constant * prod base^power with equal
 * bases merged within the numerator and within the denominator (never cancelled across, so the
 * domain is unchanged), variables in natural order ("4*w2*w3/4" reads "w2*w3").
 */
final class LightSimplifier {
  private static final Pattern INDEXED = Pattern.compile("(.*?)(\\d+)");
  private static final Comparator<String> NATURAL = (a, b) -> {
    Matcher x = INDEXED.matcher(a);
    Matcher y = INDEXED.matcher(b);
    if (x.matches() && y.matches() && x.group(1).equals(y.group(1))
        && x.group(2).length() < 10 && y.group(2).length() < 10) {
      return Long.compare(Long.parseLong(x.group(2)), Long.parseLong(y.group(2)));
    }
    return a.compareTo(b);
  };

  private LightSimplifier() {}

  static Expr simplify(Expr e) {
    return normalise(Exprs.simplify(e));
  }

  private static Expr normalise(Expr e) {
    Expr s = Exprs.mapChildren(e, LightSimplifier::normalise);
    if (!(s instanceof Expr.Mul || s instanceof Expr.Div)) {
      return s;
    }
    BigFraction[] constant = {BigFraction.ONE};
    Map<Expr, Integer> numerator = new LinkedHashMap<>();
    Map<Expr, Integer> denominator = new LinkedHashMap<>();
    collect(s, 1, constant, numerator, denominator);
    if (constant[0].signum() == 0) {
      return s; // 0 * (something possibly undefined): leave it to Exprs.simplify's contract
    }
    List<Factor> factors = new ArrayList<>();
    addSorted(numerator, 1, factors);
    addSorted(denominator, -1, factors);
    return Factorization.product(constant[0], factors);
  }

  private static void collect(Expr e, int side, BigFraction[] constant, Map<Expr, Integer> num,
      Map<Expr, Integer> den) {
    if (e instanceof Expr.Num n) {
      constant[0] = side > 0 ? constant[0].multiply(n.value()) : constant[0].divide(n.value());
    } else if (e instanceof Expr.Neg n) {
      constant[0] = constant[0].negate();
      collect(n.arg(), side, constant, num, den);
    } else if (e instanceof Expr.Mul m) {
      m.factors().forEach(f -> collect(f, side, constant, num, den));
    } else if (e instanceof Expr.Div d && !(d.den() instanceof Expr.Num n && n.value().signum() == 0)) {
      collect(d.num(), side, constant, num, den);
      collect(d.den(), -side, constant, num, den);
    } else if (e instanceof Expr.Pow p && p.exponent() != 0) {
      int k = Math.abs(p.exponent());
      (side * p.exponent() > 0 ? num : den).merge(p.base(), k, Integer::sum);
    } else {
      (side > 0 ? num : den).merge(e, 1, Integer::sum);
    }
  }

  /** Variables first in natural order, then the other bases in order of appearance. */
  private static void addSorted(Map<Expr, Integer> bases, int sign, List<Factor> out) {
    bases.entrySet().stream().filter(b -> b.getKey() instanceof Expr.Var)
        .sorted((a, b) -> NATURAL.compare(((Expr.Var) a.getKey()).name(),
            ((Expr.Var) b.getKey()).name()))
        .forEach(b -> out.add(new Factor(b.getKey(), sign * b.getValue())));
    bases.entrySet().stream().filter(b -> !(b.getKey() instanceof Expr.Var))
        .forEach(b -> out.add(new Factor(b.getKey(), sign * b.getValue())));
  }
}
