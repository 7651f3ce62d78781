package org.eoscheck.verify;

import java.nio.file.Path;
import org.eoscheck.InputException;
import org.eoscheck.certificate.LemmaSource;
import org.eoscheck.model.Model;
import org.eoscheck.model.ModelSpec;
import org.eoscheck.model.Models;

/**
 * Reads a lemma file: its syntax by the kernel's {@link LemmaSource}, and the prover's
 * {@link Model} of it. Every problem is an {@link InputException} naming the file, line and cause.
 */
public final class LemmaLoader {
  private LemmaLoader() {}

  public static Lemma load(Path file) throws InputException {
    return lemma(LemmaSource.load(file));
  }

  public static Lemma parse(String text, String file) throws InputException {
    return lemma(LemmaSource.parse(text, file));
  }

  /** The lemmas of a file: one, or each member of a family ({@code depth: 3..10}). */
  public static java.util.List<Lemma> members(Path file) throws InputException {
    java.util.List<Lemma> out = new java.util.ArrayList<>();
    for (LemmaSource s : LemmaSource.members(LemmaSource.read(file), file.toString())) {
      out.add(lemma(s));
    }
    return out;
  }

  private static Lemma lemma(LemmaSource s) throws InputException {
    LemmaSource.ModelOptions o = s.model();
    Model model;
    try {
      model = Models.create(new ModelSpec(o.family(), o.depth(), o.width(), o.dims(), o.target(),
          o.params(), o.loss()));
    } catch (InputException e) {
      throw e.at(s.file(), o.line());
    }
    return new Lemma(s, model);
  }
}
