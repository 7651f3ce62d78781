package org.eoscheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.fraction.BigFraction;
import org.eoscheck.InputException;
import org.eoscheck.certificate.LemmaSource;
import org.eoscheck.certificate.Located;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.Replay;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.symbolic.LatexPrinter;

/**
 * A paper appendix: per certificate, the lemma's statement typeset from the lemma text (as the
 * kernel reads it: the member of a family, index notation expanded), the verdict and volumes the
 * kernel found on replay, the region, the certificate's SHA-256 and the command that replays it.
 * One standalone LaTeX document (article, amsmath).
 */
public final class LatexAppendix {
  private LatexAppendix() {}

  /**
   * One certificate: where it is, the SHA-256 of its bytes, its contents and the kernel's replay
   * of it.
   */
  public record Entry(String log, String sha256, ProofLog.Contents contents, Replay.Report replay) {}

  /** The document. */
  public static String document(List<Entry> entries) throws InputException {
    StringBuilder b = new StringBuilder("""
        \\documentclass{article}
        \\usepackage{amsmath,amssymb}
        \\usepackage[T1]{fontenc}
        \\begin{document}
        \\section*{Machine-checked lemmas}
        Each lemma below was decided by eoscheck and its certificate re-checked by eoscheck's kernel
        (\\texttt{eoscheck replay}); the verdict and volumes are the kernel's. The statement is typeset
        from the lemma file; $\\varphi$ is the sharpness of the gradient-flow solution,
        $\\mathrm{GD}(\\theta) = \\theta - \\eta \\nabla L(\\theta)$.
        """);
    for (Entry e : entries) {
      b.append(lemma(e));
    }
    return b.append("\\end{document}\n").toString();
  }

  private static String lemma(Entry e) throws InputException {
    ProofLog.Header h = e.contents().header();
    LemmaSource s = LemmaSource.member(h.lemmaText(), h.lemmaFile(), h.lemma());
    StringBuilder b = new StringBuilder("\n\\subsection*{" + text(h.lemma()) + "}\n");
    if (!s.source().isBlank()) {
      b.append("\\emph{").append(text(s.source())).append("}\\\\\n");
    }
    b.append("Model: ").append(text(model(s.model()))).append(". For all ");
    List<String> ranges = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    for (Map.Entry<String, BigFraction[]> r : s.ranges().entrySet()) {
      String v = LatexPrinter.name(r.getKey());
      BigFraction lo = r.getValue()[0];
      BigFraction hi = r.getValue()[1];
      if (lo != null && lo.equals(hi)) {
        fixed.add(v + " = " + LatexPrinter.rational(lo));
      } else {
        // an unbounded end (null) is an open end at infinity
        ranges.add(v + " \\in " + (lo == null ? "(-\\infty" : "[" + LatexPrinter.rational(lo)) + ", "
            + (hi == null ? "\\infty)" : LatexPrinter.rational(hi) + "]"));
      }
    }
    b.append("$").append(String.join(",\\ ", ranges)).append("$");
    if (!fixed.isEmpty()) {
      b.append(" (with $").append(String.join(",\\ ", fixed)).append("$)");
    }
    if (s.assumptions().isEmpty()) {
      b.append(":\n");
    } else {
      b.append(" such that\n").append(relations(s.assumptions())).append("we have\n");
    }
    b.append(relations(s.claims()));
    Replay.Report r = e.replay();
    b.append("\\textbf{").append(r.verdict().name()).append("} by the kernel: proved ")
        .append(text(Reports.percent(r.volume().proved()))).append(", refuted ")
        .append(text(Reports.percent(r.volume().refuted()))).append(", unknown ")
        .append(text(Reports.percent(r.volume().unknown()))).append(" of the region")
        .append(" (").append(r.leaves()).append(r.leaves() == 1 ? " box" : " boxes").append(").\\\\\n");
    b.append("Certificate \\texttt{").append(text(e.log())).append("}, SHA-256\\\\\n\\texttt{")
        .append(e.sha256()).append("}\\\\\n");
    b.append("Replay: \\texttt{eoscheck replay ").append(text(e.log())).append(" --lemma ")
        .append(text(h.lemmaFile())).append("}\n");
    return b.toString();
  }

  private static String relations(List<Located> relations) throws InputException {
    StringBuilder b = new StringBuilder("\\begin{gather*}\n");
    for (int i = 0; i < relations.size(); i++) {
      b.append(LatexPrinter.print(ExprParser.parseRelation(relations.get(i).text())))
          .append(i + 1 < relations.size() ? ",\\\\\n" : "\n");
    }
    return b.append("\\end{gather*}\n").toString();
  }

  private static String model(LemmaSource.ModelOptions m) {
    List<String> parts = new ArrayList<>(List.of(m.family()));
    if (m.depth() != null) {
      parts.add("depth " + m.depth());
    }
    if (m.width() != null) {
      parts.add("width " + m.width());
    }
    if (m.dims() != null) {
      parts.add("dims " + m.dims());
    }
    if (m.target() != null) {
      parts.add("target " + m.target());
    }
    if (m.loss() != null) {
      parts.add("loss " + m.loss());
    }
    return String.join(", ", parts);
  }

  /** Plain text in LaTeX: the special characters escaped. */
  static String text(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\textbackslash{}");
        case '{', '}', '#', '$', '%', '&', '_' -> b.append('\\').append(c);
        case '^' -> b.append("\\^{}");
        case '~' -> b.append("\\~{}");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
