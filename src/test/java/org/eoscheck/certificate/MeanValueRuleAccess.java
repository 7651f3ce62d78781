package org.eoscheck.certificate;

import java.util.List;
import org.eoscheck.expr.ExprParser;

/** Test access to the kernel's package-private checks. */
public final class MeanValueRuleAccess {
  private MeanValueRuleAccess() {}

  public static boolean invariant(String f, List<String> points) throws Exception {
    return MeanValueRule.translationInvariant(ExprParser.parse(f), points);
  }
}
