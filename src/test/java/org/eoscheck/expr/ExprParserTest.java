package org.eoscheck.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;

public class ExprParserTest {
  private static final List<String> NAMES = List.of("x", "y", "w1", "eta", "W2_1_2", "a_b");

  /**
   * A random tree in the shape the parser produces: sums and products of at least two operands, no
   * sum directly inside a sum, no negation of a constant, no quotient of two integers (the parser
   * reads "3/4" as one rational), no unresolved calls (their column is not printed).
   */
  /** The functions of random expressions: not eigmax / eigmin (LambdaMaxSemanticsTest has them). */
  private static final List<Fn> ELEMENTARY = java.util.Arrays.stream(Fn.values())
      .filter(fn -> fn != Fn.EIGMAX && fn != Fn.EIGMIN).toList();

  public static Expr random(Random r, int depth) {
    int kind = depth <= 0 ? r.nextInt(2) : r.nextInt(10);
    switch (kind) {
      case 0: {
        int num = r.nextInt(7) - (r.nextBoolean() ? 0 : 3);
        return new Expr.Num(r.nextInt(3) == 0 ? BigFraction.of(num, 1 + r.nextInt(4))
            : BigFraction.of(num));
      }
      case 1:
        return Expr.var(NAMES.get(r.nextInt(NAMES.size())));
      case 2: {
        List<Expr> terms = new ArrayList<>();
        int n = 2 + r.nextInt(2);
        while (terms.size() < n) {
          Expr t = random(r, depth - 1);
          if (!(t instanceof Expr.Add)) {
            terms.add(t);
          }
        }
        return new Expr.Add(terms);
      }
      case 3: {
        List<Expr> factors = new ArrayList<>();
        for (int i = 0, n = 2 + r.nextInt(2); i < n; i++) {
          factors.add(random(r, depth - 1));
        }
        return new Expr.Mul(factors);
      }
      case 4: {
        Expr a = random(r, depth - 1);
        return a instanceof Expr.Num ? a : new Expr.Neg(a);
      }
      case 5: {
        Expr a = random(r, depth - 1);
        Expr b = random(r, depth - 1);
        boolean integers = a instanceof Expr.Num x && b instanceof Expr.Num y
            && x.value().getDenominator().abs().equals(java.math.BigInteger.ONE)
            && y.value().getDenominator().abs().equals(java.math.BigInteger.ONE);
        return integers ? Expr.mul(a, b) : new Expr.Div(a, b);
      }
      case 6:
        return new Expr.Pow(random(r, depth - 1), r.nextInt(7) - 3);
      case 7: {
        Fn fn = ELEMENTARY.get(r.nextInt(ELEMENTARY.size()));
        List<Expr> args = new ArrayList<>();
        for (int i = 0, n = fn.arity() < 0 ? 1 + r.nextInt(3) : fn.arity(); i < n; i++) {
          args.add(random(r, depth - 1));
        }
        return new Expr.Call(fn, args);
      }
      case 8:
        return new Expr.GfsShift(List.of(random(r, depth - 1), random(r, depth - 1)),
            random(r, depth - 1));
      default:
        return random(r, depth - 1);
    }
  }

  @Test
  void printThenParseGivesAnEqualTree() throws InputException {
    Random r = new Random(1);
    for (int i = 0; i < 3000; i++) {
      Expr e = random(r, 4);
      String text = ExprPrinter.print(e);
      Expr back = ExprParser.parse(text);
      assertEquals(e, back, text);
      assertEquals(text, ExprPrinter.print(back));
    }
  }

  @Test
  void rationalsWithANegativeDenominatorPrintParseably() throws InputException {
    // BigFraction keeps the sign where arithmetic put it: 3/7 divided by -2/5 is 15/-14.
    BigFraction q = BigFraction.of(3, 7).divide(BigFraction.of(-2, 5));
    assertEquals("-15/14", ExprPrinter.print(new Expr.Num(q)));
    assertEquals(new Expr.Num(q), ExprParser.parse(ExprPrinter.print(new Expr.Num(q))));
    assertEquals("x*(-15/14)", ExprPrinter.print(Expr.mul(Expr.var("x"), new Expr.Num(q))));
  }

  @Test
  void numbersAreExact() throws InputException {
    assertEquals(new Expr.Num(BigFraction.of(1, 10)), ExprParser.parse("0.1"));
    assertEquals(new Expr.Num(BigFraction.of(1, 1000)), ExprParser.parse("1e-3"));
    assertEquals(new Expr.Num(BigFraction.of(-3, 2)), ExprParser.parse("-3/2"));
    assertEquals(BigFraction.of(5, 4), ExprParser.parseRational(" 1.25 "));
    assertInstanceOf(Expr.Call.class, ExprParser.parse("x^(1/2)"));
    assertEquals(Expr.pow(Expr.var("x"), -2), ExprParser.parse("x^(-2)"));
    Expr g = ExprParser.parse("gfsShift(1, w1^2, w2^2)");
    assertEquals(new Expr.GfsShift(List.of(ExprParser.parse("w1^2"), ExprParser.parse("w2^2")),
        Exprs.ONE), g);
  }

  @Test
  void precedenceAndAssociativity() throws InputException {
    assertEquals(new Expr.Add(List.of(Expr.var("a"), new Expr.Neg(Expr.var("b")),
        new Expr.Neg(Expr.var("c")))), ExprParser.parse("a - b - c"));
    assertEquals(new Expr.Div(new Expr.Div(Expr.var("a"), Expr.var("b")), Expr.var("c")),
        ExprParser.parse("a/b/c"));
    assertEquals(new Expr.Neg(Expr.pow(Expr.var("x"), 2)), ExprParser.parse("-x^2"));
    Relation rel = ExprParser.parseRelation("eta*abs(r) <= sqrt(2)");
    assertEquals(Rel.LE, rel.op());
    assertEquals("eta*abs(r) <= sqrt(2)", rel.text());
  }

  private static String error(String text) {
    return assertThrows(InputException.class, () -> ExprParser.parse(text)).getMessage();
  }

  @Test
  void errorsNameTheColumnAndTheCause() {
    assertEquals("column 4 of 'x +': unexpected end of expression", error("x +"));
    assertEquals("column 3 of 'x^y': the exponent must be an integer constant (or 1/2)", error("x^y"));
    assertEquals("column 1 of 'sqrt(x, y)': sqrt takes 1 argument, not 2", error("sqrt(x, y)"));
    assertEquals("column 3 of '(x': expected ')' before the end", error("(x"));
    assertEquals("column 3 of 'x $ y': unexpected '$'", error("x $ y"));
    assertEquals("column 3 of '(x]': expected ')' but found ']'", error("(x]"));
    assertTrue(error("1..2").contains("malformed number '1..2'"), error("1..2"));
    assertTrue(error("gfsShift(1)").contains("gfsShift takes a target and at least one square"));
    assertTrue(error("min()").contains("min takes at least one argument"));
    assertTrue(error("x^100000").contains("exponent"));
    InputException notRational = assertThrows(InputException.class,
        () -> ExprParser.parseRational("x"));
    assertEquals("'x' is not a rational number", notRational.getMessage());
    InputException noRelation = assertThrows(InputException.class,
        () -> ExprParser.parseRelation("x + 1"));
    assertTrue(noRelation.getMessage().contains("expected a relation"), noRelation.getMessage());
  }
}
