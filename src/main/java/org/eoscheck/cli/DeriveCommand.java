package org.eoscheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.eoscheck.InputException;
import org.eoscheck.expr.Derivative;
import org.eoscheck.model.Model;
import org.eoscheck.model.ModelSpec;
import org.eoscheck.model.Models;
import org.eoscheck.symbolic.Derivation;
import org.eoscheck.symbolic.DerivationWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

  @Option(names = "--depth", paramLabel = "D", description = "depth of a scalar network (default 2)")
  Integer depth;

  @Option(names = "--width", paramLabel = "d", description = "width of the two-layer network (default 1)")
  Integer width;

  @Option(names = "--dims", split = ",", paramLabel = "n0,n1,...",
      description = "layer dimensions of a linear network, e.g. 2,2,2 (default 1,1,1)")
  List<Integer> dims;

  @Option(names = "--target", paramLabel = "T",
      description = "target: a rational or a symbol such as y (linear: rows ';', entries ',')")
  String target;

  @Option(names = "--params", split = ",", paramLabel = "x,y",
      description = "parameter names of a custom model")
  List<String> params;

  @Option(names = "--loss", paramLabel = "EXPR", description = "loss of a custom model, e.g. '(1+x^2)*y^2'")
  String loss;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, latex or json (default ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() throws InputException {
    Model model = Models.create(new ModelSpec(family, depth, width, dims, target, params, loss));
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
