package org.eoscheck.simulate;

import java.util.ArrayList;
import java.util.List;
import org.eoscheck.expr.CompiledExpr;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;

/**
 * Any {@link Model} in double precision: its loss, residual, GF-solution sharpness and symbolic
 * gradient compiled with {@link CompiledExpr}; Hessian-vector products by forward mode over the
 * compiled gradient (exact up to rounding). The model must have no free symbols besides its
 * parameters.
 */
public final class ExprDynamics implements Dynamics {
  private final Model model;
  /** Outputs: loss, then the residual and phi where the model has them. */
  private final CompiledExpr values;
  private final CompiledExpr gradient;
  private final int residualIndex;
  private final int phiIndex;

  public ExprDynamics(Model model) {
    if (!model.symbols().isEmpty()) {
      throw new IllegalArgumentException("the model has free symbols " + model.symbols()
          + ": give them numeric values first");
    }
    this.model = model;
    List<Expr> outputs = new ArrayList<>();
    outputs.add(model.loss());
    residualIndex = model.residual().map(r -> add(outputs, r)).orElse(-1);
    phiIndex = model.gfsSharpness().map(p -> add(outputs, p)).orElse(-1);
    values = CompiledExpr.compile(outputs, model.parameters());
    gradient = CompiledExpr.compile(model.gradient(), model.parameters());
  }

  private static int add(List<Expr> list, Expr e) {
    list.add(e);
    return list.size() - 1;
  }

  public Model model() {
    return model;
  }

  @Override
  public String description() {
    return model.description();
  }

  @Override
  public List<String> parameters() {
    return model.parameters();
  }

  @Override
  public double loss(double[] theta) {
    return values.eval(theta);
  }

  @Override
  public void gradient(double[] theta, double[] out) {
    gradient.eval(theta, out);
  }

  @Override
  public void hessianTimes(double[] theta, double[] v, double[] out) {
    gradient.evalTangent(theta, v, new double[out.length], out);
  }

  @Override
  public boolean hasResidual() {
    return residualIndex >= 0;
  }

  @Override
  public double residual(double[] theta) {
    return value(theta, residualIndex);
  }

  @Override
  public boolean hasGfsSharpness() {
    return phiIndex >= 0;
  }

  @Override
  public double gfsSharpness(double[] theta) {
    return value(theta, phiIndex);
  }

  /** Output {@code index} of {@link #values}, or NaN for index -1. */
  private double value(double[] theta, int index) {
    return index < 0 ? Double.NaN : values.evalAll(theta)[index];
  }

  @Override
  public String gfsSharpnessMethod() {
    return phiIndex < 0 ? "" : "the model's closed form " + model.gfsSharpness().orElseThrow().text();
  }
}
