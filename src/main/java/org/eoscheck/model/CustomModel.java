package org.eoscheck.model;

import java.util.List;
import java.util.Optional;
import org.eoscheck.expr.Expr;

/**
 * A loss given by the user over named parameters, e.g. the toys (1 + x^2) y^2 and
 * (2 + cos t)(r - 1)^2 / 2 of Arora, Li, Panigrahi (ICML 2022). No closed forms are known a priori.
 */
public record CustomModel(List<String> parameters, Expr loss) implements DefinedModel {
  public CustomModel {
    parameters = List.copyOf(parameters);
  }

  @Override
  public org.eoscheck.certificate.Family definition() {
    return org.eoscheck.certificate.Family.custom(parameters, loss);
  }

  @Override
  public String family() {
    return "custom";
  }

  @Override
  public String description() {
    return "custom loss " + loss.text() + " over " + String.join(", ", parameters);
  }

  @Override
  public String citation() {
    return "user-defined (toys of Arora, Li, Panigrahi, ICML 2022)";
  }



}
