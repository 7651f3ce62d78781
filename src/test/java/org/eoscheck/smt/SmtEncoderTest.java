package org.eoscheck.smt;

import static org.eoscheck.smt.Queries.box;
import static org.eoscheck.smt.Queries.query;
import static org.eoscheck.smt.Queries.rel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.expr.Expr;
import org.eoscheck.expr.Rel;
import org.eoscheck.expr.Relation;
import org.junit.jupiter.api.Test;

/** The encoding as text: exact constants, symbols, declarations, unsupported functions. */
class SmtEncoderTest {

  @Test
  void rationalsAreExactWithNonNegativeLiterals() {
    assertEquals("0", SmtEncoder.rational(BigFraction.ZERO));
    assertEquals("5", SmtEncoder.rational(BigFraction.of(5)));
    assertEquals("(/ 3 4)", SmtEncoder.rational(BigFraction.of(3, 4)));
    assertEquals("(- (/ 3 4))", SmtEncoder.rational(BigFraction.of(-3, 4)));
    assertEquals("(- 7)", SmtEncoder.rational(BigFraction.of(7, -1)));
  }

  @Test
  void symbolsAreQuotedOnlyWhenNeeded() {
    assertEquals("w1", SmtEncoder.symbol("w1"));
    assertEquals("eta_2", SmtEncoder.symbol("eta_2"));
    assertEquals("|a b|", SmtEncoder.symbol("a b"));
    assertEquals("|1x|", SmtEncoder.symbol("1x"));
    assertEquals("|let|", SmtEncoder.symbol("let"));
    assertEquals("|w(1)|", SmtEncoder.symbol("w(1)"));
    assertThrows(IllegalArgumentException.class, () -> SmtEncoder.symbol("a|b"));
  }

  @Test
  void decimalInputBecomesExactRationals() {
    String q = query(box("x", "0.1", "0.25"), List.of("x*x <= 0.3"), "x >= -1.5e-3");
    assertFalse(Pattern.compile("\\d\\.\\d").matcher(q).find(), q);
    assertTrue(q.contains("(<= (/ 1 10) x)"), q);
    assertTrue(q.contains("(/ 3 10)"), q);
    assertTrue(q.contains("(- (/ 3 2000))"), q);
    assertTrue(q.startsWith(";") && q.contains("(set-logic QF_NRA)") && q.trim().endsWith("(check-sat)"));
  }

  @Test
  void declaresEveryOriginalVariableOnceAndAuxiliariesApart() {
    // "q!1" is a legal user name that collides with the encoder's first auxiliary name.
    Relation goal = new Relation(Expr.add(Expr.sqrt(Expr.var("x")), Expr.var("q!1")), Rel.GE,
        Expr.var("z"));
    String q = SmtEncoder.refutationQuery(List.of("z", "q!1"), box("x", "0", "1"),
        List.of(rel("y/x >= 0")), goal);
    List<String> declared = declared(q);
    assertEquals(new HashSet<>(declared).size(), declared.size(), q);
    assertEquals(List.of("z", "q!1", "x", "y"), declared.subList(0, 4));
    assertEquals(6, declared.size(), q); // one quotient, one square root
  }

  @Test
  void integerPowersAreProductsAndNegativePowersQuotients() {
    String q = query(box("x", "1", "2"), List.of(), "x^3 + x^(-2) >= 0");
    assertTrue(q.contains("(* x x x)"), q);
    assertTrue(q.contains("(=> (not (= (* x x) 0)) (= (* q!1 (* x x)) 1))"), q);
    assertFalse(withoutComments(q).contains("^"), q);
  }

  @Test
  void everyAuxiliaryIsGuardedByItsDefinedness() {
    String q = query(box("x", "-1", "1"), List.of(), "sqrt(x) >= 0");
    assertTrue(q.contains("(=> (>= x 0) (and (>= sqrt!1 0) (= (* sqrt!1 sqrt!1) x)))"), q);
    assertTrue(q.contains("(assert (or (not (>= x 0)) (not (>= sqrt!1 0))))"), q);
  }

  @Test
  void functionsOutsidePolynomialArithmeticAreUnsupported() {
    for (String f : List.of("exp(x)", "log(x)", "sin(x)", "cos(x)", "tanh(x)", "foo(x)")) {
      assertThrows(SmtEncoder.Unsupported.class,
          () -> query(box("x", "0", "1"), List.of(), f + " >= 0"), f);
      assertThrows(SmtEncoder.Unsupported.class,
          () -> query(box("x", "0", "1"), List.of(f + " >= 0"), "x >= 0"), f);
    }
  }

  @Test
  void emptyBoxIntervalIsRejected() {
    Map<String, BigFraction[]> bad = box("x", "1", "0");
    assertThrows(IllegalArgumentException.class,
        () -> SmtEncoder.refutationQuery(List.of("x"), bad, List.of(), rel("x >= 0")));
  }

  private static String withoutComments(String q) {
    return q.replaceAll(";[^\n]*", "");
  }

  private static List<String> declared(String q) {
    Matcher m = Pattern.compile("\\(declare-fun (\\S+) \\(\\) Real\\)").matcher(q);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
