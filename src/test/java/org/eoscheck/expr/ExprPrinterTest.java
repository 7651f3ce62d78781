package org.eoscheck.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eoscheck.InputException;
import org.junit.jupiter.api.Test;

/** Long residuals print with their gfsShift subterms named once. */
class ExprPrinterTest {
  @Test
  void aRepeatedGfsShiftIsNamedOnce() throws InputException {
    ExprPrinter.Named n = ExprPrinter.printNamed(
        ExprParser.parse("gfsShift(1, x, y) + 1/(x + gfsShift(1, x, y))"));
    assertEquals("delta + 1/(x + delta)", n.text());
    assertEquals(List.of("delta = gfsShift(1, x, y)"), n.where());
  }

  @Test
  void severalShiftsAreNumberedAndANameInUseIsSkipped() throws InputException {
    ExprPrinter.Named n = ExprPrinter.printNamed(
        ExprParser.parse("gfsShift(1, x, y) - gfsShift(2, x, y) + delta1"));
    assertEquals("delta2 - delta3 + delta1", n.text());
    assertEquals(List.of("delta2 = gfsShift(1, x, y)", "delta3 = gfsShift(2, x, y)"), n.where());
  }

  @Test
  void withoutShiftsTheTextIsThePlainPrint() throws InputException {
    Expr e = ExprParser.parse("(x + 1)^2/y");
    assertEquals(new ExprPrinter.Named(e.text(), List.of()), ExprPrinter.printNamed(e));
  }
}
