package org.eoscheck.symbolic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eoscheck.expr.Expr;
import org.eoscheck.model.Model;
import org.eoscheck.symbolic.Derivation.Item;
import org.eoscheck.symbolic.Derivation.Status;
import org.eoscheck.symbolic.Derivation.Value;

/**
 * Renders a {@link Derivation}: readable text, a LaTeX fragment to paste into a paper (amsmath;
 * notes as comments), or JSON for other tools with every value both as text of the expression
 * language and as LaTeX.
 */
public final class DerivationWriter {
  /** Hessians up to this size are also shown as a matrix in LaTeX. */
  private static final int MAX_LATEX_MATRIX = 4;
  /** Values longer than this are cut in the text format. */
  private static final int MAX_TEXT = 600;

  private DerivationWriter() {}

  public static String text(Derivation d) {
    StringBuilder b = new StringBuilder();
    Model m = d.model();
    b.append("model: ").append(m.description()).append('\n');
    b.append("  ").append(m.citation()).append('\n');
    b.append("  parameters: ").append(String.join(", ", m.parameters())).append('\n');
    if (!m.symbols().isEmpty()) {
      b.append("  symbols: ").append(String.join(", ", m.symbols())).append('\n');
    }
    for (Item item : d.items()) {
      if (item.key().equals("model")) {
        continue;
      }
      b.append('\n').append(item.title());
      if (item.status() != Status.DERIVED) {
        b.append("  [").append(item.status().name().toLowerCase()).append(']');
      }
      b.append('\n');
      for (Value v : item.values()) {
        b.append("  ").append(v.label()).append(v.bound() ? " " : v.statement() ? ": " : " = ")
            .append(elided(v.text())).append('\n');
      }
      for (String note : item.notes()) {
        b.append("  - ").append(note).append('\n');
      }
    }
    return b.toString();
  }

  public static String latex(Derivation d) {
    StringBuilder b = new StringBuilder();
    Model m = d.model();
    b.append("% eoscheck derive: ").append(m.description()).append(" (").append(m.citation())
        .append(")\n% needs \\usepackage{amsmath}\n");
    for (Item item : d.items()) {
      if (item.key().equals("model")) {
        continue;
      }
      b.append("\n\\paragraph{").append(Deriver.latexText(capitalised(item.title())))
          .append(".}");
      if (item.status() != Status.DERIVED) {
        b.append(" (").append(item.status().name().toLowerCase()).append(")");
      }
      b.append('\n');
      if (item.matrix().isPresent() && item.matrix().get().size() <= MAX_LATEX_MATRIX) {
        b.append("\\[\n  \\nabla^2 L = ").append(pmatrix(item.matrix().get())).append("\n\\]\n");
      } else if (!item.values().isEmpty()) {
        b.append("\\begin{align*}\n");
        List<Value> values = item.values();
        for (int i = 0; i < values.size(); i++) {
          Value v = values.get(i);
          b.append("  ").append(v.labelLatex()).append(v.bound() ? " &" : v.statement()
              ? " &\\colon\\ " : " &= ").append(v.latex());
          b.append(i + 1 < values.size() ? " \\\\\n" : "\n");
        }
        b.append("\\end{align*}\n");
      }
      for (String note : item.notes()) {
        b.append("% ").append(note.replace("\n", " ")).append('\n');
      }
    }
    return b.toString();
  }

  /** Very long values are cut in the text format (JSON and LaTeX keep them whole). */
  private static String elided(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT / 2) + " ... [" + text.length()
        + " characters; in full with --format json]";
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String pmatrix(List<List<Expr>> m) {
    StringBuilder b = new StringBuilder("\\begin{pmatrix}\n");
    for (List<Expr> row : m) {
      b.append("    ").append(String.join(" & ", row.stream().map(LatexPrinter::print).toList()))
          .append(" \\\\\n");
    }
    return b.append("  \\end{pmatrix}").toString();
  }

  public static String json(Derivation d, String version) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("eoscheck", version);
    Model m = d.model();
    ObjectNode model = root.putObject("model");
    model.put("family", m.family());
    model.put("description", m.description());
    model.put("citation", m.citation());
    ArrayNode params = model.putArray("parameters");
    m.parameters().forEach(params::add);
    ArrayNode symbols = model.putArray("symbols");
    m.symbols().forEach(symbols::add);
    ArrayNode items = root.putArray("items");
    for (Item item : d.items()) {
      ObjectNode node = items.addObject();
      node.put("key", item.key());
      node.put("title", item.title());
      node.put("status", item.status().name().toLowerCase());
      ArrayNode values = node.putArray("values");
      for (Value v : item.values()) {
        ObjectNode value = values.addObject();
        value.put("label", v.label());
        value.put("labelLatex", v.labelLatex());
        value.put("text", v.text());
        value.put("latex", v.latex());
        value.put("expressionSyntax", v.inExpressionSyntax());
      }
      item.matrix().ifPresent(rows -> {
        ArrayNode matrix = node.putArray("matrix");
        for (List<Expr> row : rows) {
          ArrayNode r = matrix.addArray();
          for (Expr e : row) {
            ObjectNode cell = r.addObject();
            cell.put("text", e.text());
            cell.put("latex", LatexPrinter.print(e));
          }
        }
      });
      ArrayNode notes = node.putArray("notes");
      item.notes().forEach(notes::add);
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
