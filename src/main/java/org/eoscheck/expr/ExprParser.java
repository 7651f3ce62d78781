package org.eoscheck.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.expr.Expr.Num;

/**
 * Reads infix text of the lemma language into an {@link Expr}.
 *
 * <pre>
 * relation := sum (("&lt;=" | "&lt;" | "&gt;=" | "&gt;" | "==") sum)?
 * sum      := product (("+" | "-") product)*
 * product  := unary (("*" | "/") unary)*
 * unary    := "-" unary | power
 * power    := atom ("^" exponent)?      exponent: an integer, (-k), or (1/2) meaning sqrt
 * atom     := number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
 * </pre>
 *
 * Numbers are exact: "0.1" is 1/10 and "1e-3" is 1/1000; a literal p/q of two integers is one
 * rational constant. Known functions become {@link Expr.Call}; {@code gfsShift(t, u1, ...)} becomes
 * {@link Expr.GfsShift}; any other call stays an {@link Expr.Apply} for the caller to resolve.
 */
public final class ExprParser {
  /** The deepest nesting of brackets, calls and signs read: deeper text is refused, not overflowed. */
  public static final int MAX_NESTING = 1000;

  private final String text;
  private int pos;
  private int nesting;

  private ExprParser(String text) {
    this.text = text;
  }

  /** Parses one expression; errors name the column and the cause. */
  public static Expr parse(String text) throws InputException {
    ExprParser p = new ExprParser(text);
    Expr e = p.sum();
    p.expectEnd();
    return e;
  }

  /** Parses {@code lhs op rhs}. */
  public static Relation parseRelation(String text) throws InputException {
    ExprParser p = new ExprParser(text);
    Expr lhs = p.sum();
    p.skipSpace();
    Rel op = p.relationSymbol();
    if (op == null) {
      throw p.error("expected a relation (<=, <, >=, >, ==)");
    }
    Expr rhs = p.sum();
    p.expectEnd();
    return new Relation(lhs, op, rhs);
  }

  /** Parses an exact rational such as "3", "-1/2", "0.25" or "1e-3". */
  public static BigFraction parseRational(String text) throws InputException {
    Expr e = parse(text.trim());
    if (e instanceof Num n) {
      return n.value();
    }
    throw new InputException("'" + text.trim() + "' is not a rational number");
  }

  private Rel relationSymbol() {
    for (Rel r : new Rel[] {Rel.LE, Rel.GE, Rel.EQ, Rel.LT, Rel.GT}) {
      if (text.startsWith(r.symbol(), pos)) {
        pos += r.symbol().length();
        return r;
      }
    }
    return null;
  }

  private Expr sum() throws InputException {
    List<Expr> terms = new ArrayList<>();
    terms.add(product());
    while (true) {
      skipSpace();
      if (peek('+')) {
        pos++;
        terms.add(product());
      } else if (peek('-')) {
        pos++;
        terms.add(negate(product()));
      } else {
        break;
      }
    }
    return terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }

  private Expr product() throws InputException {
    List<Expr> factors = new ArrayList<>();
    factors.add(unary());
    while (true) {
      skipSpace();
      if (peek('*')) {
        pos++;
        factors.add(unary());
      } else if (peek('/')) {
        pos++;
        Expr den = unary();
        Expr num = factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
        factors = new ArrayList<>();
        factors.add(num instanceof Num a && den instanceof Num b && isInteger(a) && isInteger(b)
            && b.value().signum() != 0 ? new Num(a.value().divide(b.value())) : new Expr.Div(num, den));
      } else {
        break;
      }
    }
    return factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
  }

  private Expr unary() throws InputException {
    if (++nesting > MAX_NESTING) {
      throw error("the expression is nested more than " + MAX_NESTING + " levels deep");
    }
    try {
      return signed();
    } finally {
      nesting--;
    }
  }

  private Expr signed() throws InputException {
    skipSpace();
    if (peek('-')) {
      pos++;
      return negate(unary());
    }
    if (peek('+')) {
      pos++;
      return unary();
    }
    return power();
  }

  private static Expr negate(Expr e) {
    return e instanceof Num n ? new Num(n.value().negate()) : new Expr.Neg(e);
  }

  private Expr power() throws InputException {
    Expr base = atom();
    skipSpace();
    if (!peek('^')) {
      return base;
    }
    pos++;
    int start = pos;
    Expr exponent = unary();
    if (exponent instanceof Num n && n.value().equals(BigFraction.of(1, 2))) {
      return Expr.sqrt(base);
    }
    if (exponent instanceof Num n && isInteger(n) && n.value().abs().compareTo(BigFraction.of(10000)) <= 0) {
      return new Expr.Pow(base, n.value().intValue());
    }
    pos = start;
    throw error("the exponent must be an integer constant (or 1/2)");
  }

  private Expr atom() throws InputException {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end of expression");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expr e = sum();
      expect(')');
      return e;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      String name = text.substring(start, pos);
      skipSpace();
      if (!peek('(')) {
        return new Expr.Var(name);
      }
      pos++;
      List<Expr> args = new ArrayList<>();
      skipSpace();
      if (!peek(')')) {
        args.add(sum());
        skipSpace();
        while (peek(',')) {
          pos++;
          args.add(sum());
          skipSpace();
        }
      }
      expect(')');
      return call(name, args, start);
    }
    throw error("unexpected '" + c + "'");
  }

  private Expr call(String name, List<Expr> args, int column) throws InputException {
    Optional<Fn> fn = Fn.byLabel(name);
    if (fn.isPresent()) {
      Fn f = fn.get();
      if (f.arity() >= 0 && args.size() != f.arity()) {
        pos = column;
        throw error(name + " takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s")
            + ", not " + args.size());
      }
      if (args.isEmpty()) {
        pos = column;
        throw error(name + " takes at least one argument");
      }
      if (!f.accepts(args.size())) {
        pos = column;
        throw error(name + " takes the upper triangle of a symmetric matrix, row by row"
            + " (1, 3, 6, 10, ... arguments), not " + args.size());
      }
      return new Expr.Call(f, args);
    }
    if (name.equals("gfsShift")) {
      if (args.size() < 2) {
        pos = column;
        throw error("gfsShift takes a target and at least one square");
      }
      return new Expr.GfsShift(args.subList(1, args.size()), args.get(0));
    }
    return new Expr.Apply(name, args, column + 1);
  }

  private Expr number() throws InputException {
    int start = pos;
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
        pos++;
      }
      int digits = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == digits) {
        pos = save;
      }
    }
    String literal = text.substring(start, pos);
    try {
      BigDecimal d = new BigDecimal(literal);
      if (Math.abs(d.scale()) > 1000) {
        throw new NumberFormatException();
      }
      BigInteger unscaled = d.unscaledValue();
      BigFraction q = d.scale() >= 0
          ? BigFraction.of(unscaled, BigInteger.TEN.pow(d.scale()))
          : BigFraction.of(unscaled.multiply(BigInteger.TEN.pow(-d.scale())));
      return new Num(q);
    } catch (NumberFormatException ex) {
      pos = start;
      throw error("malformed number '" + literal + "'");
    }
  }

  private static boolean isInteger(Num n) {
    return n.value().getDenominator().equals(BigInteger.ONE);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) throws InputException {
    skipSpace();
    if (!peek(c)) {
      throw error(pos >= text.length() ? "expected '" + c + "' before the end"
          : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private void expectEnd() throws InputException {
    skipSpace();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "'");
    }
  }

  private InputException error(String cause) {
    String shown = text.length() <= 80 ? text : text.substring(0, 77) + "...";
    return new InputException("column " + (pos + 1) + " of '" + shown + "': " + cause);
  }
}
