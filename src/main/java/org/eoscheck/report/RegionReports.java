package org.eoscheck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.expr.ExprPrinter;

/**
 * Verified-region reports: for each proof log, its statement, verdict, proved / refuted / unknown
 * volume (as recorded in the log's result line; {@code eoscheck replay} re-checks them),
 * counterexamples, pictures of the leaves projected on pairs of variables, and where the
 * certificate is; plus an index over all of them, as Markdown and as a static HTML page that opens
 * in a browser without a server.
 */
public final class RegionReports {
  private RegionReports() {}

  /** One lemma's report: its figures and the pictures written for it. */
  public record Entry(Path log, ProofLog.Contents contents, List<Path> pictures) {
    String verdict() {
      return contents.result() == null ? "UNKNOWN (run interrupted)"
          : contents.result().verdict().name();
    }

    String volume(int which) {
      if (contents.result() == null) {
        return "-";
      }
      ProofLog.Volumes v = contents.result().volume();
      return Reports.percent(which == 0 ? v.proved() : which == 1 ? v.refuted() : v.unknown());
    }
  }

  /** Writes pictures, index.md and index.html for {@code logs} under {@code out}. */
  public static List<Entry> write(List<Path> logs, List<ProofLog.Contents> contents, Path out)
      throws IOException {
    Files.createDirectories(out);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      ProofLog.Contents c = contents.get(i);
      List<String> vars = c.header().variables();
      List<Path> pictures = new ArrayList<>();
      for (int[] pair : pairs(vars.size())) {
        String name = c.header().lemma().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
            + vars.get(pair[0]) + "-" + vars.get(pair[1]) + ".png";
        Path png = out.resolve(name);
        RegionPicture.write(c, vars.get(pair[0]), vars.get(pair[1]), png);
        pictures.add(png);
      }
      entries.add(new Entry(logs.get(i), c, pictures));
    }
    Files.writeString(out.resolve("index.md"), markdown(entries, out), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("index.html"), html(entries, out), StandardCharsets.UTF_8);
    return entries;
  }

  /** (0,1), and with a third variable (0,last) and (1,last): the step size is usually last. */
  static List<int[]> pairs(int n) {
    List<int[]> out = new ArrayList<>();
    if (n >= 2) {
      out.add(new int[] {0, 1});
    }
    if (n >= 3) {
      out.add(new int[] {0, n - 1});
      out.add(new int[] {1, n - 1});
    }
    return out;
  }

  private static String markdown(List<Entry> entries, Path out) {
    StringBuilder b = new StringBuilder("# Verified regions\n\n"
        + "Pictures: boxes projected on two variables (green proved, yellow unknown, red refuted,"
        + " crosses counterexamples); blue, the edge of the projection of the set where the"
        + " hypotheses hold; violet, their boundary on the slice through the centre of the other"
        + " variables.\n\n");
    b.append("| lemma | verdict | proved | refuted | unknown | boxes | seconds | certificate |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    for (Entry e : entries) {
      ProofLog.Result r = e.contents().result();
      b.append("| ").append(e.contents().header().lemma()).append(" | ").append(e.verdict())
          .append(" | ").append(e.volume(0)).append(" | ").append(e.volume(1)).append(" | ")
          .append(e.volume(2)).append(" | ").append(r == null ? "-" : r.boxes()).append(" | ")
          .append(r == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", r.seconds()))
          .append(" | `").append(e.log()).append("` |\n");
    }
    for (Entry e : entries) {
      ProofLog.Header h = e.contents().header();
      b.append("\n## ").append(h.lemma()).append("\n\n");
      b.append("File `").append(h.lemmaFile()).append("`; verdict **").append(e.verdict())
          .append("**.\n\n");
      b.append("Region: ").append(ProofLog.boxText(h.root()));
      if (!h.root().values().stream().allMatch(org.eoscheck.certificate.Bounds::bounded)) {
        b.append(" (volumes in the variables with an infinite end are measured after"
            + " x -> x/(1+|x|), so [0, oo] has length 1; pictures place them the same way)");
      }
      b.append("\n\n");
      for (String hyp : h.hypotheses()) {
        b.append("- assume ").append(code(hyp)).append('\n');
      }
      for (ProofLog.Claim c : h.claims()) {
        b.append("- claim ").append(code(c.source())).append('\n');
      }
      for (ProofLog.Counterexample c : e.contents().counterexamples()) {
        b.append("- counterexample to claim ").append(c.claim() + 1).append(": ");
        List<String> parts = new ArrayList<>();
        c.point().forEach((k, v) -> parts.add(k + " = " + ExprPrinter.rational(v)));
        b.append(String.join(", ", parts));
        b.append(c.undefined() == null ? "" : " (the claim is undefined there: " + c.undefined() + ")");
        b.append('\n');
      }
      b.append('\n');
      for (Path p : e.pictures()) {
        b.append("![").append(p.getFileName()).append("](").append(out.relativize(p)).append(")\n");
      }
    }
    return b.toString();
  }

  private static String code(String s) {
    return "`" + s.replace("`", "'") + "`";
  }

  private static String html(List<Entry> entries, Path out) {
    StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<title>eoscheck: verified regions</title><style>body{font-family:sans-serif;"
        + "max-width:1100px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid"
        + " #ccc;padding:4px 8px}code{background:#f4f4f4}img{width:360px;margin:4px}"
        + ".PROVED{color:#2e9d4f}.REFUTED{color:#d62d2d}</style></head><body>"
        + "<h1>Verified regions</h1><p>Green: proved; yellow: unknown; red: refuted; a cross: a"
        + " certified counterexample. Each picture projects the boxes of the proof log on two"
        + " variables, unknown and refuted drawn over proved. Blue: the edge of the projection of"
        + " the set where the hypotheses hold (no point outside it satisfies them); violet: their"
        + " boundary on the slice through the centre of the other variables.</p>"
        + "<table><tr><th>lemma</th>"
        + "<th>verdict</th><th>proved</th><th>refuted</th><th>unknown</th><th>certificate</th></tr>");
    for (Entry e : entries) {
      String v = e.verdict();
      b.append("<tr><td><a href=\"#").append(esc(e.contents().header().lemma())).append("\">")
          .append(esc(e.contents().header().lemma())).append("</a></td><td class=\"")
          .append(v.split(" ")[0]).append("\">").append(esc(v)).append("</td><td>")
          .append(e.volume(0)).append("</td><td>").append(e.volume(1)).append("</td><td>")
          .append(e.volume(2)).append("</td><td><code>").append(esc(e.log().toString()))
          .append("</code></td></tr>");
    }
    b.append("</table>");
    for (Entry e : entries) {
      ProofLog.Header h = e.contents().header();
      b.append("<h2 id=\"").append(esc(h.lemma())).append("\">").append(esc(h.lemma()))
          .append("</h2><p><code>").append(esc(h.lemmaFile())).append("</code></p><pre>")
          .append(esc(h.lemmaText())).append("</pre>");
      for (Path p : e.pictures()) {
        b.append("<img src=\"").append(esc(out.relativize(p).toString())).append("\" alt=\"")
            .append(esc(p.getFileName().toString())).append("\">");
      }
    }
    return b.append("</body></html>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
