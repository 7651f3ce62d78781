package org.eoscheck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.eoscheck.InputException;
import org.eoscheck.expr.Derivative;
import org.eoscheck.model.Model;
import org.eoscheck.model.Models;
import org.eoscheck.symbolic.Derivation;
import org.eoscheck.symbolic.DerivationWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eoscheck derive MODEL}: the symbolic facts about a model family (loss, gradient, Hessian,
 * GD maps, det(I - eta Hess L), gradient-flow invariants and their one-step change, minimiser
 * manifold, sharpness, critical step, gradient-flow solution) as text, LaTeX or JSON.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Derives and prints the symbolic facts about a model: loss, gradient, Hessian,"
        + " GD / normalised-GD / sqrt-loss maps, det(I - eta Hess L), gradient-flow invariants,"
        + " minimiser manifold, sharpness, critical step eta*, gradient-flow solution and phi.",
    sortOptions = false)
public final class DeriveCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format { text, latex, json }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL",
      description = "scalar | two-layer | linear | custom")
  String family;

  @Mixin
  ModelOptions shape;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, latex or json (default ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() throws InputException {
    Model model = Models.create(shape.spec(family));
    try {
      Derivative.hessian(model.loss(), model.parameters());
    } catch (IllegalArgumentException notSmooth) {
      throw new InputException("cannot derive the " + model.family() + " model: "
          + notSmooth.getMessage());
    }
    Derivation derivation = Derivation.of(model);
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (format) {
      case text -> DerivationWriter.text(derivation);
      case latex -> DerivationWriter.latex(derivation);
      case json -> DerivationWriter.json(derivation, org.eoscheck.Version.get());
    });
    out.flush();
    return Main.OK;
  }
}
